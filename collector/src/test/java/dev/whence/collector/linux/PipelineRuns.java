package dev.whence.collector.linux;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.collector.EventSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs raw audit text through one fresh {@link AuditPipeline} (host {@code h}, boot id {@code b})
 * and returns its events. Each character of the text is one byte of input ({@code ISO-8859-1}), so
 * a test can write any byte a kernel may log.
 */
public final class PipelineRuns {

  private PipelineRuns() {}

  /** The events of {@code texts}, read by a pipeline whose clock stands at the epoch. */
  public static List<Event> events(Iterable<String> texts) {
    return events(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), texts);
  }

  /**
   * The events of {@code texts} (each one or more lines), read in order by a pipeline reading
   * {@code clock}; no line may be refused.
   */
  public static List<Event> events(Clock clock, Iterable<String> texts) {
    List<Event> out = new ArrayList<>();
    AuditPipeline p =
        new AuditPipeline(
            new EventSink() {
              @Override
              public void event(Event e) {
                out.add(e);
              }

              @Override
              public void rejected(RejectedInput r) {
                throw new AssertionError("refused: " + r.getReason() + " in " + r);
              }
            },
            "h",
            "b",
            clock);
    int n = 0;
    for (String text : texts) {
      for (String line : text.split("\n")) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        p.acceptLine(b, 0, b.length, "t", ++n);
      }
    }
    p.flush();
    return out;
  }
}
