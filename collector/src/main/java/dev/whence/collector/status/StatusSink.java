package dev.whence.collector.status;

import dev.whence.avro.CollectorStatus;

/** Where heartbeats go: the Kafka publisher sends them to {@code whence.status}, keyed by host. */
@FunctionalInterface
public interface StatusSink {

  /** Publishes one heartbeat; may drop it when the broker is unreachable (the next one follows). */
  void status(CollectorStatus status);
}
