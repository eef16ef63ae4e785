package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.Edge;
import dev.whence.graph.model.Node;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessNode;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.InMemoryGraphState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A builder over in-memory state that accumulates every update, with queries for tests. */
final class Graph {
  final InMemoryGraphState state = new InMemoryGraphState();
  final GraphBuilder builder;
  final Map<String, Node> nodes = new LinkedHashMap<>();
  final List<Edge> edges = new ArrayList<>();
  final List<GraphUpdate> updates = new ArrayList<>();

  Graph() {
    this(GraphConfig.defaults());
  }

  Graph(GraphConfig config) {
    builder = new GraphBuilder(state, config);
  }

  GraphUpdate apply(SystemEvent event) {
    GraphUpdate update = builder.apply(event);
    updates.add(update);
    update.nodes().forEach(n -> nodes.merge(n.id(), n, Graph::earliest));
    edges.addAll(update.edges());
    return update;
  }

  /** Applies and asserts the event was accepted. */
  GraphUpdate ok(SystemEvent event) {
    GraphUpdate update = apply(event);
    assertThat(update.rejection()).as("rejection of %s", event).isNull();
    return update;
  }

  static Node earliest(Node a, Node b) {
    return a.firstSeenNanos() <= b.firstSeenNanos() ? a : b;
  }

  List<Edge> edges(Operation op) {
    return edges.stream().filter(e -> e.operation() == op).toList();
  }

  Node node(String id) {
    return nodes.get(id);
  }

  String processNode(String host, int pid) {
    return builder.process(host, pid).orElseThrow().nodeId();
  }

  List<ProcessNode> processNodes(int pid) {
    return nodes.values().stream()
        .filter(ProcessNode.class::isInstance)
        .map(ProcessNode.class::cast)
        .filter(p -> p.pid() == pid)
        .toList();
  }

  /** Whether information can flow from {@code from} to {@code to} along edges in time order. */
  boolean flows(String from, String to) {
    Map<String, Long> reached = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    reached.put(from, Long.MIN_VALUE);
    queue.add(from);
    while (!queue.isEmpty()) {
      String at = queue.poll();
      long since = reached.get(at);
      for (Edge e : edges) {
        if (e.sourceNode().equals(at)
            && e.timestampNanos() >= since
            && !"none".equals(e.attributes().get("flow"))) {
          Long known = reached.get(e.targetNode());
          if (known == null || known > e.timestampNanos()) {
            reached.put(e.targetNode(), e.timestampNanos());
            queue.add(e.targetNode());
          }
        }
      }
    }
    return reached.containsKey(to);
  }

  Set<String> edgeIds() {
    Set<String> ids = new HashSet<>();
    edges.forEach(e -> ids.add(e.id()));
    return ids;
  }
}
