package dev.whence.topology.graph;

import dev.whence.avro.Alert;
import dev.whence.avro.Edge;
import dev.whence.avro.Event;
import dev.whence.graph.incident.IncidentSettings;
import dev.whence.graph.state.KeyValueGraphState;
import dev.whence.schemas.Topics;
import dev.whence.topology.StoreNames;
import dev.whence.topology.detect.DefaultRules;
import dev.whence.topology.detect.DetectionTopology;
import dev.whence.topology.incident.IncidentTopology;
import dev.whence.topology.rules.RuleSet;
import dev.whence.topology.state.WriteBehindStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the provenance graph to a topology: accepted events (keyed by host) → {@code build-graph} →
 * nodes, edges, refusals and connection halves; the halves are repartitioned by server port and
 * joined by {@code stitch-connections} into cross-host edges. Alerts and cross-host edges go on to
 * incident grouping ({@link IncidentTopology}), the one writer of {@code whence.alerts}.
 */
public final class GraphTopology {

  private GraphTopology() {}

  /** Adds the graph with the default rule pack. */
  public static void addTo(
      StreamsBuilder builder, KStream<String, Event> events, GraphSettings settings) {
    addTo(builder, events, settings, DefaultRules.load());
  }

  /**
   * Adds the graph's stores and operators downstream of {@code events}, with detection starting
   * from {@code rules} (overridden by what {@code whence.rules} publishes).
   */
  public static void addTo(
      StreamsBuilder builder,
      KStream<String, Event> events,
      GraphSettings settings,
      RuleSet rules) {
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

    KStream<String, GraphOutput> out =
        events.process(
            () -> new GraphProcessor(settings, rules),
            Named.as("build-graph"),
            StoreNames.GRAPH_STATE,
            StoreNames.GRAPH_EXPIRY,
            StoreNames.GRAPH_COUNTERS,
            StoreNames.ALERT_MATCHES);

    var branches =
        out.split(Named.as("graph-output-"))
            .branch(
                (k, v) -> v instanceof GraphOutput.NodeOut,
                Branched.withConsumer(
                    s ->
                        s.mapValues(v -> ((GraphOutput.NodeOut) v).node(), Named.as("node-of"))
                            .to(
                                Topics.GRAPH_NODES.name(),
                                Produced.with(Topics.GRAPH_NODES.key(), Topics.GRAPH_NODES.value())
                                    .withName("graph-nodes-sink")),
                    "nodes"))
            .branch(
                (k, v) -> v instanceof GraphOutput.EdgeOut,
                Branched.withConsumer(
                    s ->
                        s.mapValues(v -> ((GraphOutput.EdgeOut) v).edge(), Named.as("edge-of"))
                            .to(
                                Topics.GRAPH_EDGES.name(),
                                Produced.with(Topics.GRAPH_EDGES.key(), Topics.GRAPH_EDGES.value())
                                    .withName("graph-edges-sink")),
                    "edges"))
            .branch((k, v) -> v instanceof GraphOutput.AlertOut, Branched.as("alerts"))
            .branch(
                (k, v) -> v instanceof GraphOutput.Refused,
                Branched.withConsumer(
                    s ->
                        s.mapValues(
                                v -> ((GraphOutput.Refused) v).rejection(),
                                Named.as("graph-rejection-of"))
                            .to(
                                Topics.EVENTS_DLQ.name(),
                                Produced.with(Topics.EVENTS_DLQ.key(), Topics.EVENTS_DLQ.value())
                                    .withName("graph-dead-letter-sink")),
                    "refused"))
            .defaultBranch(Branched.as("halves"));

    KStream<String, Edge> stitched =
        branches
            .get("graph-output-halves")
            .mapValues(v -> ((GraphOutput.Half) v).half(), Named.as("half-of"))
            .repartition(
                Repartitioned.with(Serdes.String(), ConnectionHalf.serde())
                    .withName("connection-halves-by-port"))
            .process(
                () -> new ConnectionStitcher(settings),
                Named.as("stitch-connections"),
                StoreNames.CONNECTION_HALVES,
                StoreNames.STITCH_COUNTERS);
    stitched.to(
        Topics.GRAPH_EDGES.name(),
        Produced.with(Topics.GRAPH_EDGES.key(), Topics.GRAPH_EDGES.value())
            .withName("stitched-edges-sink"));

    KStream<String, Alert> alerts =
        branches
            .get("graph-output-alerts")
            .mapValues(v -> ((GraphOutput.AlertOut) v).alert(), Named.as("alert-of"));
    IncidentTopology.addTo(builder, alerts, stitched, IncidentSettings.defaults(), rules);
  }
}
