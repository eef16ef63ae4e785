package dev.whence.topology;

import dev.whence.avro.Event;
import dev.whence.topology.state.BufferedCounters;
import dev.whence.topology.state.WriteBehindStore;

/**
 * Counts accepted events per host ({@link StoreNames#EVENTS_PER_HOST}, key: host) and per host and
 * operation ({@link StoreNames#EVENTS_PER_OPERATION}, key: {@code host|OPERATION}), the two stores
 * that the query service reads. Events are keyed by host already, so no repartition is needed. One
 * per task: not thread-safe.
 */
public final class EventTally {

  private final BufferedCounters perHost;
  private final BufferedCounters perOperation;

  /** A tally written into the two write-behind stores at each of their flushes. */
  public EventTally(WriteBehindStore<Long> perHost, WriteBehindStore<Long> perOperation) {
    this.perHost = new BufferedCounters(perHost);
    this.perOperation = new BufferedCounters(perOperation);
  }

  /** Counts one accepted event. */
  public void count(Event event) {
    perHost.add(event.getHost(), 1);
    perOperation.add(event.getHost(), event.getOperation().name(), 1);
  }
}
