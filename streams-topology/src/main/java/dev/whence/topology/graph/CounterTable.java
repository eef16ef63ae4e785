package dev.whence.topology.graph;

import dev.whence.topology.state.BufferedCounters;
import dev.whence.topology.state.WriteBehindStore;

/**
 * Counters kept in a write-behind state store under {@code host|name} keys: increments stay in
 * memory and each moved counter reaches the store once per commit, with the events that moved it.
 */
final class CounterTable {

  /** Separator of host and counter name in store keys. */
  static final char SEPARATOR = '|';

  private final BufferedCounters counters;

  CounterTable(WriteBehindStore<Long> store) {
    this.counters = new BufferedCounters(store);
  }

  static String key(String host, String name) {
    return host + SEPARATOR + name;
  }

  void add(String key, long delta) {
    counters.add(key, delta);
  }
}
