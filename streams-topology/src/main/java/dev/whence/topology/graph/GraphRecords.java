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
    return Node.newBuilder()
        .setId(node.id())
        .setEntityId(node.entityId())
        .setKind(kind(node.kind()))
        .setHost(node.host())
        .setVersion(node.version())
        .setName(node.name())
        .setFirstSeenNanos(node.firstSeenNanos())
        .setLastSeenNanos(node.firstSeenNanos())
        .setAttributes(node.attributes())
        .build();
  }

  /** The Avro edge of {@code edge}. */
  public static Edge edge(dev.whence.graph.model.Edge edge) {
    return Edge.newBuilder()
        .setId(edge.id())
        .setEventId(edge.eventId())
        .setHost(edge.host())
        .setOperation(operation(edge.operation()))
        .setSourceNode(edge.sourceNode())
        .setTargetNode(edge.targetNode())
        .setActorNode(edge.actorNode())
        .setTimestampNanos(edge.timestampNanos())
        .setSequence(edge.sequence())
        .setAttributes(edge.attributes())
        .build();
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
