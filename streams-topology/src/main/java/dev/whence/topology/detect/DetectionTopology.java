package dev.whence.topology.detect;

import dev.whence.graph.detect.KeyValueMatchStore;
import dev.whence.schemas.Topics;
import dev.whence.topology.StoreNames;
import dev.whence.topology.state.WriteBehindStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The detection's stores: the task-local {@code alert-matches} (used by the graph processor) and
 * the global {@code published-rules}, a copy of {@code whence.rules}.
 */
public final class DetectionTopology {

  private DetectionTopology() {}

  /** Adds the match store and the global store of published rules. */
  public static void addStores(StreamsBuilder builder) {
    builder.addStateStore(
        WriteBehindStore.builder(
            StoreNames.ALERT_MATCHES,
            Serdes.ByteArray(),
            WriteBehindStore.MAX_DIRTY_KEYS,
            KeyValueMatchStore.SCANNED_TABLES));
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.PUBLISHED_RULES),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled(),
        Topics.RULES.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("rules-source"),
        PublishedRulesUpdater::new);
  }

  /** Copies each {@code whence.rules} record into the global store (a null value deletes). */
  static final class PublishedRulesUpdater implements Processor<String, byte[], Void, Void> {
    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(StoreNames.PUBLISHED_RULES);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.key() == null) {
        return;
      }
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }
}
