package dev.whence.bench;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.collector.EventSink;
import dev.whence.collector.linux.AuditPipeline;
import dev.whence.collector.linux.LinuxAuditLogReader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * A behaviour check for changes to the Linux audit pipeline: reads a log through {@link
 * AuditPipeline} (boot id derived, fixed clock) and prints SHA-256 digests over the Avro bytes of
 * every event and of every rejection, in delivery order. Run it before and after a change, on a
 * real log and on a damaged copy; equal digests mean identical output.
 *
 * <pre>
 * java -cp tests/target/whence-benchmarks.jar dev.whence.bench.AuditEventDigest FILE...
 * </pre>
 */
public final class AuditEventDigest {

  private AuditEventDigest() {}

  /** Prints line, event and rejection counts and the two digests of each file. */
  public static void main(String[] args) throws Exception {
    for (String file : args) {
      MessageDigest events = MessageDigest.getInstance("SHA-256");
      MessageDigest rejections = MessageDigest.getInstance("SHA-256");
      long[] counts = new long[2];
      EventSink sink =
          new EventSink() {
            @Override
            public void event(Event event) {
              update(events, encode(event::toByteBuffer));
              counts[0]++;
            }

            @Override
            public void rejected(RejectedInput rejected) {
              update(rejections, encode(rejected::toByteBuffer));
              counts[1]++;
            }
          };
      Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
      AuditPipeline pipeline = new AuditPipeline(sink, "bench", null, clock);
      long lines = new LinuxAuditLogReader(pipeline).read(Path.of(file));
      System.out.printf(
          "%s: %d lines, %d events, %d rejected%n  events    %s%n  rejected  %s%n",
          file,
          lines,
          counts[0],
          counts[1],
          HexFormat.of().formatHex(events.digest()),
          HexFormat.of().formatHex(rejections.digest()));
    }
  }

  private interface Encoder {
    ByteBuffer encode() throws java.io.IOException;
  }

  private static ByteBuffer encode(Encoder encoder) {
    try {
      return encoder.encode();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Avro encoding failed", e);
    }
  }

  private static void update(MessageDigest digest, ByteBuffer bytes) {
    digest.update(bytes);
  }
}
