package dev.whence.collector.linux;

import dev.whence.avro.Event;
import dev.whence.collector.EventSink;

/**
 * An {@link EventSink} that also learns where each event's first record was read, for
 * checkpointing. {@link AuditPipeline} calls {@link #event(Event, String, long)} instead of {@link
 * #event(Event)} on such a sink.
 */
public interface PositionedEventSink extends EventSink {

  /** Accepts an event whose first record was read at {@code position} of {@code source}. */
  void event(Event event, String source, long position);

  @Override
  default void event(Event event) {
    event(event, null, -1);
  }
}
