package dev.whence.topology;

import dev.whence.avro.Edge;
import dev.whence.avro.Event;
import dev.whence.avro.Node;
import dev.whence.avro.RejectedInput;
import dev.whence.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** Runs events through the whole topology in a test driver and collects the graph it emits. */
final class GraphHarness implements AutoCloseable {

  private final Path stateDir;
  final TopologyTestDriver driver;
  private final TestInputTopic<String, Event> events;
  private final TestOutputTopic<String, Node> nodeTopic;
  private final TestOutputTopic<String, Edge> edgeTopic;
  private final TestOutputTopic<String, RejectedInput> dlqTopic;

  /** Compacted view of whence.graph.nodes: last value per key. */
  final Map<String, Node> nodes = new TreeMap<>();

  /** Every edge record with its key, in output order. */
  final List<KeyValue<String, Edge>> edges = new ArrayList<>();

  /** Every dead letter. */
  final List<RejectedInput> deadLetters = new ArrayList<>();

  GraphHarness() {
    try {
      stateDir = Files.createTempDirectory("whence-graph-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "whence-graph-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(ProvenanceTopology.build(), props);
    events =
        driver.createInputTopic(
            Topics.EVENTS.name(),
            Topics.EVENTS.key().serializer(),
            Topics.EVENTS.value().serializer());
    nodeTopic =
        driver.createOutputTopic(
            Topics.GRAPH_NODES.name(),
            Topics.GRAPH_NODES.key().deserializer(),
            Topics.GRAPH_NODES.value().deserializer());
    edgeTopic =
        driver.createOutputTopic(
            Topics.GRAPH_EDGES.name(),
            Topics.GRAPH_EDGES.key().deserializer(),
            Topics.GRAPH_EDGES.value().deserializer());
    dlqTopic =
        driver.createOutputTopic(
            Topics.EVENTS_DLQ.name(),
            Topics.EVENTS_DLQ.key().deserializer(),
            Topics.EVENTS_DLQ.value().deserializer());
  }

  GraphHarness pipe(List<Event> input) {
    for (Event e : input) {
      events.pipeInput(
          e.getHost(), e, Instant.ofEpochSecond(0, e.getTimestampNanos()).toEpochMilli());
    }
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
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
