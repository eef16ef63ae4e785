package dev.whence.topology.graph;

import dev.whence.graph.model.NodeKind;
import dev.whence.graph.model.Operation;
import dev.whence.topology.state.BufferedCounters;
import dev.whence.topology.state.WriteBehindStore;

/**
 * Counters kept in a write-behind state store under {@code host|name} keys: increments stay in
 * memory and each moved counter reaches the store once per commit, with the events that moved it.
 */
final class CounterTable {

  private static final String[] NODE_NAMES = names(NodeKind.values(), GraphCounterNames.NODES);
  private static final String[] EDGE_NAMES = names(Operation.values(), GraphCounterNames.EDGES);

  private final BufferedCounters counters;

  CounterTable(WriteBehindStore<Long> store) {
    this.counters = new BufferedCounters(store);
  }

  void add(String host, String name, long delta) {
    counters.add(host, name, delta);
  }

  /** Counts one node of {@code kind} emitted for {@code host}. */
  void node(String host, NodeKind kind) {
    counters.add(host, NODE_NAMES[kind.ordinal()], 1);
  }

  /** Counts one edge of {@code operation} emitted for {@code host}. */
  void edge(String host, Operation operation) {
    counters.add(host, EDGE_NAMES[operation.ordinal()], 1);
  }

  private static String[] names(Enum<?>[] values, String prefix) {
    String[] out = new String[values.length];
    for (Enum<?> v : values) {
      out[v.ordinal()] = prefix + v.name();
    }
    return out;
  }
}
