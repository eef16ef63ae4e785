package dev.whence.topology.graph;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counters kept in a state store under {@code host|name} keys, written through at every increment
 * (so they commit with the events that moved them) and mirrored in memory to avoid a read per
 * increment. The mirror is rebuilt from the store when the task starts.
 */
final class CounterTable {

  /** Separator of host and counter name in store keys. */
  static final char SEPARATOR = '|';

  private final KeyValueStore<String, Long> store;
  private final Map<String, Long> mirror = new HashMap<>();

  CounterTable(KeyValueStore<String, Long> store) {
    this.store = store;
  }

  static String key(String host, String name) {
    return host + SEPARATOR + name;
  }

  void add(String key, long delta) {
    if (delta == 0) {
      return;
    }
    Long current = mirror.get(key);
    if (current == null) {
      current = store.get(key);
    }
    long next = (current == null ? 0L : current) + delta;
    mirror.put(key, next);
    store.put(key, next);
  }
}
