package dev.whence.topology.graph;

import dev.whence.topology.state.WriteBehindStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Counters kept in a write-behind state store under {@code host|name} keys (so each reaches the
 * store once per commit, with the events that moved it) and mirrored in memory to avoid a read per
 * increment. The mirror is rebuilt from the store when the task starts.
 */
final class CounterTable {

  /** Separator of host and counter name in store keys. */
  static final char SEPARATOR = '|';

  private final WriteBehindStore<Long> store;
  private final Map<String, Long> mirror = new HashMap<>();

  CounterTable(WriteBehindStore<Long> store) {
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
      current = store.read(key);
    }
    long next = (current == null ? 0L : current) + delta;
    mirror.put(key, next);
    store.write(key, next);
  }
}
