package dev.whence.topology;

import dev.whence.avro.Edge;
import dev.whence.avro.Event;
import dev.whence.avro.Node;
import dev.whence.avro.RejectedInput;
import dev.whence.schemas.Topics;
import dev.whence.topology.graph.GraphSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Runs events through the whole topology in a test driver and collects the graph it emits. */
final class GraphHarness implements AutoCloseable {

  private final TopologyDriver topology;
  private final TestOutputTopic<String, Node> nodeTopic;
  private final TestOutputTopic<String, Edge> edgeTopic;
  private final TestOutputTopic<String, RejectedInput> dlqTopic;

  /** Compacted view of whence.graph.nodes: last value per key. */
  final Map<String, Node> nodes = new TreeMap<>();

  /** Every edge record with its key, in output order. */
  final List<KeyValue<String, Edge>> edges = new ArrayList<>();

  /** Every dead letter. */
  final List<RejectedInput> deadLetters = new ArrayList<>();

  /** The topology with the default graph settings. */
  GraphHarness() {
    this(GraphSettings.defaults());
  }

  /** The topology with {@code settings}. */
  GraphHarness(GraphSettings settings) {
    topology = new TopologyDriver(ProvenanceTopology.build(settings), "whence-graph-test");
    nodeTopic = topology.output(Topics.GRAPH_NODES);
    edgeTopic = topology.output(Topics.GRAPH_EDGES);
    dlqTopic = topology.output(Topics.EVENTS_DLQ);
  }

  GraphHarness pipe(List<Event> input) {
    topology.pipe(input);
    drain();
    return this;
  }

  private void drain() {
    for (KeyValue<String, Node> kv : nodeTopic.readKeyValuesToList()) {
      nodes.put(kv.key, kv.value);
    }
    edges.addAll(edgeTopic.readKeyValuesToList());
    deadLetters.addAll(dlqTopic.readValuesToList());
  }

  /** The committed view of the write-behind counter store {@code name}. */
  ReadOnlyKeyValueStore<String, Long> counts(String name) {
    return topology.counts(name);
  }

  /** Edges of one operation. */
  List<Edge> edges(dev.whence.avro.Operation op) {
    return edges.stream().map(kv -> kv.value).filter(e -> e.getOperation() == op).toList();
  }

  /** The edge multiset in a canonical order (by id), for comparisons across runs. */
  List<String> edgeSet() {
    return edges.stream()
        .map(kv -> kv.key + " " + kv.value)
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  /** The compacted node topic as text, for comparisons across runs. */
  Map<String, String> nodeView() {
    Map<String, String> out = new TreeMap<>();
    nodes.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }

  /** Whether information can flow from node {@code from} to node {@code to} along edges. */
  boolean path(String from, String to) {
    List<String> frontier = new ArrayList<>(List.of(from));
    java.util.Set<String> seen = new java.util.HashSet<>(frontier);
    while (!frontier.isEmpty()) {
      String n = frontier.remove(frontier.size() - 1);
      if (n.equals(to)) {
        return true;
      }
      for (KeyValue<String, Edge> kv : edges) {
        if (kv.value.getSourceNode().equals(n) && seen.add(kv.value.getTargetNode())) {
          frontier.add(kv.value.getTargetNode());
        }
      }
    }
    return false;
  }

  /** The latest process node of (host, pid) among the emitted nodes. */
  Node process(String host, int pid) {
    return nodes.values().stream()
        .filter(n -> n.getKind() == dev.whence.avro.NodeKind.PROCESS)
        .filter(n -> n.getHost().equals(host))
        .filter(n -> String.valueOf(pid).equals(n.getAttributes().get("pid")))
        .max(Comparator.comparingInt(Node::getVersion).thenComparingLong(Node::getFirstSeenNanos))
        .orElseThrow(() -> new AssertionError("no process node for " + host + " pid " + pid));
  }

  @Override
  public void close() {
    topology.close();
  }
}
