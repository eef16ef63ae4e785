package dev.whence.topology.graph;

import dev.whence.avro.Edge;
import dev.whence.avro.Node;
import dev.whence.avro.NodeKind;
import dev.whence.avro.Operation;

/** Maps the domain's nodes and edges onto their Avro records, field by field. */
public final class GraphRecords {

  private static final NodeKind[] KINDS = NodeKind.values();
  private static final Operation[] OPERATIONS = Operation.values();

  private GraphRecords() {}

  /**
   * The Avro node of {@code node}. The domain does not track when a version was last touched, so
   * {@code lastSeenNanos} is the time it was first seen: a node record never changes after it was
   * emitted, which keeps the compacted topic identical across replays.
   */
  public static Node node(dev.whence.graph.model.Node node) {
    return new Node(
        required(node.id(), "node", "id"),
        required(node.entityId(), "node", "entityId"),
        kind(required(node.kind(), "node", "kind")),
        required(node.host(), "node", "host"),
        node.version(),
        node.name(),
        node.firstSeenNanos(),
        node.firstSeenNanos(),
        required(node.attributes(), "node", "attributes"));
  }

  /** The Avro edge of {@code edge}. */
  public static Edge edge(dev.whence.graph.model.Edge edge) {
    return new Edge(
        required(edge.id(), "edge", "id"),
        required(edge.eventId(), "edge", "eventId"),
        required(edge.host(), "edge", "host"),
        operation(required(edge.operation(), "edge", "operation")),
        required(edge.sourceNode(), "edge", "sourceNode"),
        required(edge.targetNode(), "edge", "targetNode"),
        edge.actorNode(),
        edge.timestampNanos(),
        edge.sequence(),
        edge.attributes());
  }

  /**
   * {@code value}, which the schema does not allow to be null (the record is built through its
   * constructor, not a validating builder, to spare a builder per record).
   */
  private static <T> T required(T value, String record, String field) {
    if (value == null) {
      throw new IllegalArgumentException(record + " field " + field + " is null");
    }
    return value;
  }

  static NodeKind kind(dev.whence.graph.model.NodeKind kind) {
    int ordinal = kind.ordinal();
    NodeKind same = ordinal < KINDS.length ? KINDS[ordinal] : null;
    return same != null && same.name().equals(kind.name()) ? same : NodeKind.valueOf(kind.name());
  }

  static Operation operation(dev.whence.graph.model.Operation operation) {
    int ordinal = operation.ordinal();
    Operation same = ordinal < OPERATIONS.length ? OPERATIONS[ordinal] : null;
    return same != null && same.name().equals(operation.name())
        ? same
        : Operation.valueOf(operation.name());
  }
}
