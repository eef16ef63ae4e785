package dev.whence.topology.graph;

import dev.whence.graph.state.KeyValueTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The domain's {@link KeyValueTable} over a Kafka Streams {@code KeyValueStore<String, byte[]>}.
 */
public final class StoreTable implements KeyValueTable {

  private static final StringSerializer PREFIX = new StringSerializer();

  private final KeyValueStore<String, byte[]> store;

  /** A table over {@code store}. */
  public StoreTable(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  @Override
  public byte[] get(String key) {
    return store.get(key);
  }

  @Override
  public void put(String key, byte[] value) {
    store.put(key, value);
  }

  @Override
  public void delete(String key) {
    store.delete(key);
  }

  @Override
  public List<byte[]> valuesWithPrefix(String prefix) {
    List<byte[]> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, PREFIX)) {
      while (it.hasNext()) {
        out.add(it.next().value);
      }
    }
    return out;
  }

  @Override
  public List<Map.Entry<String, byte[]>> range(String from, String to, int max) {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.range(from, to)) {
      while (it.hasNext() && out.size() < max) {
        KeyValue<String, byte[]> kv = it.next();
        out.add(Map.entry(kv.key, kv.value));
      }
    }
    return out;
  }
}
