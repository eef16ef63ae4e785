package dev.whence.collector;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;

/**
 * Where a source delivers what it read: normalized events, and input it refused with the reason.
 * Implementations (the Kafka publisher, a test list) must not drop either.
 */
public interface EventSink {

  /** Accepts one normalized event. */
  void event(Event event);

  /** Accepts one refused input, bound for the dead-letter topic. */
  void rejected(RejectedInput rejected);
}
