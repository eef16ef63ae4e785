package dev.whence.schemas;

import dev.whence.avro.Alert;
import dev.whence.avro.CollectorStatus;
import dev.whence.avro.Edge;
import dev.whence.avro.Event;
import dev.whence.avro.Node;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.RuleSource;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The topics of Whence, as the design names them. */
public final class Topics {

  private Topics() {}

  private static final Serde<String> KEY = Serdes.String();

  /** Normalized events of every collector, keyed by host id. */
  public static final Topic<String, Event> EVENTS =
      new Topic<>("whence.events", KEY, new AvroSerde<>(Event.class), 6, false);

  /** Input that could not be parsed or mapped, keyed by host id. */
  public static final Topic<String, RejectedInput> EVENTS_DLQ =
      new Topic<>("whence.events.dlq", KEY, new AvroSerde<>(RejectedInput.class), 3, false);

  /** Collector heartbeats and completeness figures, keyed by host id. */
  public static final Topic<String, CollectorStatus> STATUS =
      new Topic<>("whence.status", KEY, new AvroSerde<>(CollectorStatus.class), 1, true);

  /** Latest attributes of each entity version, keyed by node id. */
  public static final Topic<String, Node> GRAPH_NODES =
      new Topic<>("whence.graph.nodes", KEY, new AvroSerde<>(Node.class), 6, true);

  /** Causal operations, keyed by source node id. */
  public static final Topic<String, Edge> GRAPH_EDGES =
      new Topic<>("whence.graph.edges", KEY, new AvroSerde<>(Edge.class), 6, false);

  /** Alerts, keyed by alert id; a growing chain updates one alert. */
  public static final Topic<String, Alert> ALERTS =
      new Topic<>("whence.alerts", KEY, new AvroSerde<>(Alert.class), 3, true);

  /** The live rule set, keyed by rule id. */
  public static final Topic<String, RuleSource> RULES =
      new Topic<>("whence.rules", KEY, new AvroSerde<>(RuleSource.class), 1, true);

  /** Every topic Whence creates, in the order of the design. */
  public static List<Topic<?, ?>> all() {
    return List.of(EVENTS, EVENTS_DLQ, STATUS, GRAPH_NODES, GRAPH_EDGES, ALERTS, RULES);
  }
}
