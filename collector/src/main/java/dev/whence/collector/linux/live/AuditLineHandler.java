package dev.whence.collector.linux.live;

/**
 * Receives raw audit lines exactly as auditd writes them (RAW format, e.g. {@code type=SYSCALL
 * msg=audit(1700000000.123:456): arch=c000003e ...}), without the trailing newline. The bytes are
 * valid only during the call. A handler that blocks stops the reader (backpressure); it must not
 * retain {@code buffer}.
 */
@FunctionalInterface
public interface AuditLineHandler {

  /**
   * One line.
   *
   * @param buffer holds the line
   * @param offset where the line starts in {@code buffer}
   * @param length the line's length in bytes
   * @param position where the line came from, to acknowledge once it is durably published
   * @throws InterruptedException when the reader is being stopped while the handler waits
   */
  void line(byte[] buffer, int offset, int length, SourcePosition position)
      throws InterruptedException;
}
