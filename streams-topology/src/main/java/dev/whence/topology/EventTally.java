package dev.whence.topology;

import dev.whence.avro.Event;
import dev.whence.topology.state.WriteBehindStore;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Counts accepted events per host and per host and operation, in two state stores that the query
 * service reads. Keyed by host already, so no repartition is needed.
 */
final class EventTally implements FixedKeyProcessor<String, Event, Event> {

  private FixedKeyProcessorContext<String, Event> context;
  private WriteBehindStore<Long> perHost;
  private WriteBehindStore<Long> perOperation;

  @Override
  public void init(FixedKeyProcessorContext<String, Event> context) {
    this.context = context;
    this.perHost = context.getStateStore(StoreNames.EVENTS_PER_HOST);
    this.perOperation = context.getStateStore(StoreNames.EVENTS_PER_OPERATION);
  }

  @Override
  public void process(FixedKeyRecord<String, Event> record) {
    Event event = record.value();
    increment(perHost, event.getHost());
    increment(perOperation, operationKey(event.getHost(), event.getOperation().name()));
    context.forward(record);
  }

  /** Key of the per-operation store. */
  static String operationKey(String host, String operation) {
    return host + '|' + operation;
  }

  private static void increment(WriteBehindStore<Long> store, String key) {
    Long count = store.read(key);
    store.write(key, count == null ? 1L : count + 1);
  }
}
