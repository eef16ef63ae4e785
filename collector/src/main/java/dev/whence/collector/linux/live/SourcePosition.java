package dev.whence.collector.linux.live;

/**
 * Where a line came from, so that the caller can acknowledge it once it is durably published: a
 * position in auditd's log file, or a serial received as the netlink audit daemon. {@code serial}
 * is the audit serial of the line's event, -1 when the line has none.
 */
public sealed interface SourcePosition {

  /** The audit serial of the line's event, or -1. */
  long serial();

  /**
   * A line of an audit log file.
   *
   * @param inode the file's inode number
   * @param offset the byte offset just after the line's newline
   * @param serial the line's audit serial, or -1
   */
  record FilePosition(long inode, long offset, long serial) implements SourcePosition {}

  /**
   * A record received over netlink.
   *
   * @param serial the record's audit serial, or -1
   */
  record NetlinkPosition(long serial) implements SourcePosition {}
}
