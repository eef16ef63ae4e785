package dev.whence.graph.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** A {@link KeyValueTable} in a sorted map, for tests and tools. Not thread-safe. */
public final class SortedMapTable implements KeyValueTable {
  private final TreeMap<String, byte[]> map = new TreeMap<>();

  @Override
  public byte[] get(String key) {
    return map.get(key);
  }

  @Override
  public void put(String key, byte[] value) {
    map.put(key, value.clone());
  }

  @Override
  public void delete(String key) {
    map.remove(key);
  }

  @Override
  public List<byte[]> valuesWithPrefix(String prefix) {
    List<byte[]> values = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : map.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      values.add(e.getValue());
    }
    return values;
  }

  @Override
  public List<Map.Entry<String, byte[]>> range(String from, String to, int max) {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    if (from.compareTo(to) > 0) {
      return out;
    }
    for (Map.Entry<String, byte[]> e : map.subMap(from, true, to, true).entrySet()) {
      if (out.size() == max) {
        break;
      }
      out.add(Map.entry(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override
  public void forEach(BiConsumer<String, byte[]> action) {
    map.forEach(action);
  }

  /** Number of entries. */
  public int size() {
    return map.size();
  }
}
