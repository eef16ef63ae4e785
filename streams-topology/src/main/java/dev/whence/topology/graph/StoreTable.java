package dev.whence.topology.graph;

import dev.whence.graph.state.KeyValueTable;
import dev.whence.topology.state.WriteBehindStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;

/** The domain's {@link KeyValueTable} over a task's {@code WriteBehindStore<byte[]>}. */
public final class StoreTable implements KeyValueTable {

  private final WriteBehindStore<byte[]> store;

  /** A table over {@code store}. */
  public StoreTable(WriteBehindStore<byte[]> store) {
    this.store = store;
  }

  @Override
  public byte[] get(String key) {
    return store.read(key);
  }

  @Override
  public void put(String key, byte[] value) {
    store.write(key, value);
  }

  @Override
  public void delete(String key) {
    store.remove(key);
  }

  @Override
  public List<byte[]> valuesWithPrefix(String prefix) {
    List<KeyValue<String, byte[]>> entries = store.scanPrefix(prefix);
    List<byte[]> out = new ArrayList<>(entries.size());
    for (KeyValue<String, byte[]> kv : entries) {
      out.add(kv.value);
    }
    return out;
  }

  @Override
  public List<Map.Entry<String, byte[]>> range(String from, String to, int max) {
    List<KeyValue<String, byte[]>> entries = store.scanRange(from, to, max);
    List<Map.Entry<String, byte[]>> out = new ArrayList<>(entries.size());
    for (KeyValue<String, byte[]> kv : entries) {
      out.add(Map.entry(kv.key, kv.value));
    }
    return out;
  }

  @Override
  public void forEach(BiConsumer<String, byte[]> action) {
    store.forEachEntry(action);
  }
}
