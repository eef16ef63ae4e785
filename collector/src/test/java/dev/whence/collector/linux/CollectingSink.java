package dev.whence.collector.linux;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a pipeline delivers, with the position of each event's first record. */
final class CollectingSink implements PositionedEventSink {
  final List<Event> events = new ArrayList<>();
  final List<Long> positions = new ArrayList<>();
  final List<RejectedInput> rejected = new ArrayList<>();

  @Override
  public void event(Event event, String source, long position) {
    events.add(event);
    positions.add(position);
  }

  @Override
  public void rejected(RejectedInput rejectedInput) {
    rejected.add(rejectedInput);
  }
}
