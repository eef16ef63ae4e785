package dev.whence.topology.graph;

import dev.whence.avro.Alert;
import dev.whence.avro.Edge;
import dev.whence.avro.Node;
import dev.whence.avro.RejectedInput;

/** What the graph processor emits for one event, each bound for its own topic. */
public sealed interface GraphOutput {

  /** A node for {@code whence.graph.nodes} (key: node id). */
  record NodeOut(Node node) implements GraphOutput {}

  /** An edge for {@code whence.graph.edges} (key: source node id). */
  record EdgeOut(Edge edge) implements GraphOutput {}

  /** An event the graph refused, for {@code whence.events.dlq} (key: host). */
  record Refused(RejectedInput rejection) implements GraphOutput {}

  /** One end of a connection, for the stitcher (key: server port). */
  record Half(ConnectionHalf half) implements GraphOutput {}

  /** A new or grown alert, for {@code whence.alerts} (key: alert id). */
  record AlertOut(Alert alert) implements GraphOutput {}
}
