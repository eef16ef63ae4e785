package dev.whence.topology.graph;

import dev.whence.avro.Alert;
import dev.whence.avro.Edge;
import dev.whence.graph.state.KeyValueGraphState;
import dev.whence.schemas.Topic;
import dev.whence.schemas.Topics;
import dev.whence.topology.StoreNames;
import dev.whence.topology.detect.DefaultRules;
import dev.whence.topology.detect.DetectionTopology;
import dev.whence.topology.incident.IncidentTopology;
import dev.whence.topology.rules.RuleSet;
import dev.whence.topology.state.WriteBehindStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the provenance graph to a topology: raw records of {@code whence.events} (keyed by host) →
 * {@code build-graph} (decode, tally, graph, detection) → its children: the sinks of nodes, edges
 * and refusals, the repartition of connection halves by server port, which {@code
 * stitch-connections} joins into cross-host edges, and incident grouping of the alerts ({@link
 * IncidentTopology}, the one writer of {@code whence.alerts}). {@code build-graph} forwards each
 * output to its child by name, so a record takes one hop to its sink.
 */
public final class GraphTopology {

  private GraphTopology() {}

  /** Adds the graph with the default rule pack. */
  public static void addTo(
      StreamsBuilder builder, KStream<String, byte[]> events, GraphSettings settings) {
    addTo(builder, events, settings, DefaultRules.load());
  }

  /**
   * Adds the graph's stores and operators downstream of {@code events}, the raw records of {@code
   * whence.events}, with detection starting from {@code rules} (overridden by what {@code
   * whence.rules} publishes).
   */
  public static void addTo(
      StreamsBuilder builder,
      KStream<String, byte[]> events,
      GraphSettings settings,
      RuleSet rules) {
    addStores(builder);
    KStream<String, Object> out =
        events.process(
            () -> new GraphProcessor(settings, rules),
            Named.as("build-graph"),
            StoreNames.EVENTS_PER_HOST,
            StoreNames.EVENTS_PER_OPERATION,
            StoreNames.GRAPH_STATE,
            StoreNames.GRAPH_EXPIRY,
            StoreNames.GRAPH_COUNTERS,
            StoreNames.ALERT_MATCHES);

    writeTo(out, Topics.GRAPH_NODES, GraphProcessor.NODES_SINK);
    writeTo(out, Topics.GRAPH_EDGES, GraphProcessor.EDGES_SINK);
    writeTo(out, Topics.EVENTS_DLQ, GraphProcessor.DEAD_LETTER_SINK);
    writeTo(out, Topics.EVENTS_DLQ, GraphProcessor.GRAPH_DEAD_LETTER_SINK);

    KStream<String, Edge> stitched =
        GraphTopology.<ConnectionHalf>only(out)
            .repartition(
                Repartitioned.with(Serdes.String(), ConnectionHalf.serde())
                    .withName(GraphProcessor.HALVES_REPARTITION))
            .process(
                () -> new ConnectionStitcher(settings),
                Named.as("stitch-connections"),
                StoreNames.CONNECTION_HALVES,
                StoreNames.STITCH_COUNTERS);
    stitched.to(
        Topics.GRAPH_EDGES.name(),
        Produced.with(Topics.GRAPH_EDGES.key(), Topics.GRAPH_EDGES.value())
            .withName("stitched-edges-sink"));

    KStream<String, Alert> alerts = only(out);
    IncidentTopology.addTo(builder, alerts, stitched, settings.incidents(), rules);
  }

  private static void addStores(StreamsBuilder builder) {
    builder.addStateStore(
        WriteBehindStore.builder(
            StoreNames.EVENTS_PER_HOST, Serdes.Long(), WriteBehindStore.MAX_DIRTY_KEYS, ""));
    builder.addStateStore(
        WriteBehindStore.builder(
            StoreNames.EVENTS_PER_OPERATION, Serdes.Long(), WriteBehindStore.MAX_DIRTY_KEYS, ""));
    DetectionTopology.addStores(builder);
    builder.addStateStore(
        WriteBehindStore.builder(
            StoreNames.GRAPH_STATE,
            Serdes.ByteArray(),
            WriteBehindStore.MAX_DIRTY_KEYS,
            KeyValueGraphState.SCANNED_ENTRY_TABLES));
    // The expiry index is derived from the entries (each carries its due time): it has no changelog
    // and is rebuilt from graph-state when a task starts (GraphProcessor.init).
    builder.addStateStore(
        WriteBehindStore.builder(
                StoreNames.GRAPH_EXPIRY, Serdes.ByteArray(), WriteBehindStore.MAX_DIRTY_KEYS)
            .withLoggingDisabled());
    builder.addStateStore(
        WriteBehindStore.builder(
            StoreNames.GRAPH_COUNTERS, Serdes.Long(), WriteBehindStore.MAX_DIRTY_KEYS, ""));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.CONNECTION_HALVES),
            Serdes.String(),
            Serdes.ByteArray()));
    builder.addStateStore(
        WriteBehindStore.builder(
            StoreNames.STITCH_COUNTERS, Serdes.Long(), WriteBehindStore.MAX_DIRTY_KEYS, ""));
  }

  /** Adds the sink {@code name}, a child of {@code build-graph}, writing to {@code topic}. */
  private static <V> void writeTo(
      KStream<String, Object> out, Topic<String, V> topic, String name) {
    GraphTopology.<V>only(out)
        .to(topic.name(), Produced.with(topic.key(), topic.value()).withName(name));
  }

  /**
   * {@code build-graph}'s output seen as the one value type that a given child receives: the
   * processor forwards each record by child name, so a child only ever sees its own type.
   */
  @SuppressWarnings("unchecked")
  private static <V> KStream<String, V> only(KStream<String, Object> out) {
    return (KStream<String, V>) (KStream<String, ?>) out;
  }
}
