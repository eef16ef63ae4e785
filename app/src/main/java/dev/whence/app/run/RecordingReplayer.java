package dev.whence.app.run;

import dev.whence.collector.EventSink;
import dev.whence.collector.linux.AuditPipeline;
import dev.whence.collector.linux.LinuxAuditLogReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.zip.GZIPInputStream;

/**
 * Replays recorded traces into an {@link EventSink} (the Kafka publisher): raw Linux audit logs,
 * plain or gzip. Formats not supported yet are refused with a clear message, never guessed.
 */
public final class RecordingReplayer {

  private final EventSink sink;
  private final String defaultHost;
  private final Clock clock;

  /**
   * @param sink where events and rejected inputs go
   * @param defaultHost host id of records that do not name their node
   * @param clock time of rejections and assembler timeouts
   */
  public RecordingReplayer(EventSink sink, String defaultHost, Clock clock) {
    this.sink = sink;
    this.defaultHost = defaultHost;
    this.clock = clock;
  }

  /** Replays a file. */
  public ReplayResult replay(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return replay(in, file.toString());
    }
  }

  /** Replays a stream named {@code source} in origins; does not close it. */
  public ReplayResult replay(InputStream in, String source) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    TraceFormat format = TraceFormat.sniff(buffered);
    if (format == TraceFormat.EMPTY) {
      return new ReplayResult(source, 0, 0, 0);
    }
    if (format != TraceFormat.LINUX_AUDIT) {
      throw new IOException(
          source + ": " + format.description() + " cannot be replayed by this build yet");
    }
    AuditPipeline pipeline = new AuditPipeline(sink, defaultHost, null, clock);
    long lines = new LinuxAuditLogReader(pipeline).read(buffered, source);
    return new ReplayResult(source, lines, pipeline.events(), pipeline.rejected());
  }

  /** The kinds of recording Whence knows, told apart by their first bytes. */
  enum TraceFormat {
    LINUX_AUDIT("a raw Linux audit log"),
    JSON("a JSON trace (CADETS DTrace or CDM)"),
    AVRO_CONTAINER("an Avro object container file (CDM)"),
    EMPTY("an empty file");

    private final String description;

    TraceFormat(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }

    static TraceFormat sniff(BufferedInputStream in) throws IOException {
      in.mark(1 << 16);
      try {
        InputStream peek = in;
        byte[] head = in.readNBytes(2);
        in.reset();
        if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
          peek = new GZIPInputStream(in, 1 << 12);
        }
        byte[] start = peek.readNBytes(64);
        return classify(start);
      } finally {
        in.reset();
      }
    }

    private static TraceFormat classify(byte[] start) {
      int i = 0;
      while (i < start.length && Character.isWhitespace(start[i])) {
        i++;
      }
      if (i == start.length) {
        return EMPTY;
      }
      if (start[i] == '{' || start[i] == '[') {
        return JSON;
      }
      if (start.length >= i + 4
          && start[i] == 'O'
          && start[i + 1] == 'b'
          && start[i + 2] == 'j'
          && start[i + 3] == 1) {
        return AVRO_CONTAINER;
      }
      return LINUX_AUDIT;
    }
  }
}
