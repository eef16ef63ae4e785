package dev.whence.topology;

import dev.whence.avro.Event;
import dev.whence.topology.state.BufferedCounters;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Counts accepted events per host and per host and operation, in two state stores that the query
 * service reads. Keyed by host already, so no repartition is needed.
 */
final class EventTally implements FixedKeyProcessor<String, Event, Event> {

  private FixedKeyProcessorContext<String, Event> context;
  private BufferedCounters perHost;
  private BufferedCounters perOperation;

  @Override
  public void init(FixedKeyProcessorContext<String, Event> context) {
    this.context = context;
    this.perHost = new BufferedCounters(context.getStateStore(StoreNames.EVENTS_PER_HOST));
    this.perOperation =
        new BufferedCounters(context.getStateStore(StoreNames.EVENTS_PER_OPERATION));
  }

  @Override
  public void process(FixedKeyRecord<String, Event> record) {
    Event event = record.value();
    perHost.add(event.getHost(), 1);
    perOperation.add(event.getHost(), event.getOperation().name(), 1);
    context.forward(record);
  }
}
