package dev.whence.app.run;

import dev.whence.collector.linux.live.AuditUnavailableException;
import dev.whence.collector.linux.live.KernelAuditFigures;
import dev.whence.collector.linux.live.LiveAuditSource;
import dev.whence.collector.linux.live.ReadingMode;
import dev.whence.collector.linux.live.netlink.AuditNetlinkException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the live kernel audit trace to a file, one raw line per audit record exactly as the
 * collector reads it ({@code [node=HOST ]type=... msg=audit(...): ...}, auditd's log format), so
 * that {@code whence replay} and {@code whence demo} read it like an auditd log. Gzip-compressed
 * when the file name ends in {@code .gz}. The audit settings are applied and restored as by the
 * collector; serials lost while recording (netlink mode) are counted and logged.
 */
public final class AuditRecorder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);

  private final Path output;
  private final OutputStream out;
  private final LiveAuditSource source;
  private final Thread reader;
  private final KernelAuditFigures kernelAtStart;
  private long lines;
  private long bytes;
  private long lostSerials;
  private volatile Exception failure;
  private boolean closed;
  private final Object finishing = new Object();
  private Summary summary;

  /** What a finished recording holds. */
  public record Summary(
      Path output, ReadingMode mode, long lines, long bytes, long lostSerials, long kernelLost) {}

  private AuditRecorder(Path output, OutputStream out, LiveAuditSource.Options options, Clock clock)
      throws AuditUnavailableException, IOException {
    this.output = output;
    this.out = out;
    this.source = LiveAuditSource.start(options, this::write, this::onGap, clock);
    this.kernelAtStart = figures();
    this.reader = new Thread(this::read, "whence-record-reader");
  }

  /**
   * Starts recording into {@code output} (replaced if it exists).
   *
   * @throws AuditUnavailableException when the host cannot serve, with how to fix it
   */
  public static AuditRecorder start(Path output, LiveAuditSource.Options options, Clock clock)
      throws AuditUnavailableException, IOException {
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // A recording starts afresh: serials spent before it (by another reader) are not its losses.
    Files.deleteIfExists(options.dataDir().resolve(LiveAuditSource.SERIAL_FILE));
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
    OutputStream out =
        output.getFileName().toString().endsWith(".gz")
            ? new GZIPOutputStream(file, 1 << 16)
            : file;
    AuditRecorder recorder;
    try {
      recorder = new AuditRecorder(output, out, options, clock);
    } catch (AuditUnavailableException | IOException | RuntimeException e) {
      out.close();
      Files.deleteIfExists(output);
      throw e;
    }
    recorder.reader.start();
    return recorder;
  }

  /** The reading mode chosen. */
  public ReadingMode mode() {
    return source.mode();
  }

  /** Why reading stopped early, or null. */
  public Exception failure() {
    return failure;
  }

  /** Waits until reading ends (after {@link #close()} or a failure). */
  public void awaitEnd() throws InterruptedException {
    reader.join();
  }

  private void read() {
    try {
      source.run();
    } catch (IOException | RuntimeException e) {
      failure = e;
      LOG.error("recording stopped: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void write(
      byte[] buffer, int offset, int length, dev.whence.collector.linux.live.SourcePosition at) {
    if (closed) {
      return;
    }
    try {
      out.write(buffer, offset, length);
      out.write('\n');
      lines++;
      bytes += length + 1;
      if ((lines & 1023) == 0) {
        out.flush();
        source.acknowledge(at);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + output, e);
    }
  }

  private synchronized void onGap(long fromInclusive, long toInclusive) {
    long n = toInclusive - fromInclusive + 1;
    lostSerials += n;
    LOG.warn(
        "audit serials {}..{} ({} events) were lost while recording",
        fromInclusive,
        toInclusive,
        n);
  }

  private KernelAuditFigures figures() {
    try {
      return source.kernelFigures();
    } catch (AuditNetlinkException e) {
      LOG.warn("cannot read the kernel's audit figures: {}", e.toString());
      return null;
    }
  }

  /** Stops reading, restores the host's audit settings, closes the file and says what it holds. */
  public Summary finish() throws IOException {
    synchronized (finishing) {
      if (summary == null) {
        summary = stopAndSummarise();
      }
      return summary;
    }
  }

  private Summary stopAndSummarise() throws IOException {
    KernelAuditFigures end = figures();
    source.stop();
    try {
      reader.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
    synchronized (this) {
      closed = true;
      out.close();
      long kernelLost =
          kernelAtStart == null || end == null
              ? -1
              : Math.max(0, end.lost() - kernelAtStart.lost());
      return new Summary(output, source.mode(), lines, bytes, lostSerials, kernelLost);
    }
  }

  @Override
  public void close() throws IOException {
    finish();
  }
}
