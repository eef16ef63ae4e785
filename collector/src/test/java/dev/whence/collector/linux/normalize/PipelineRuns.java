package dev.whence.collector.linux.normalize;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.collector.EventSink;
import dev.whence.collector.linux.AuditPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Runs raw audit text through one fresh {@link AuditPipeline} and returns its events. */
final class PipelineRuns {

  private PipelineRuns() {}

  /**
   * The events of {@code texts} (each one or more lines), read in order; no line may be refused.
   */
  static List<Event> events(Iterable<String> texts) {
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
                throw new AssertionError("rejected: " + r);
              }
            },
            "h",
            "b",
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
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
