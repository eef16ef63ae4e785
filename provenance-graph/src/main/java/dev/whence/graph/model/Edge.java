package dev.whence.graph.model;

import java.util.Map;

/**
 * A causal operation between two nodes, oriented in the direction information flows: READ, RECV,
 * ACCEPT go object to process; WRITE, SEND, CONNECT process to object; FORK parent to child;
 * EXECUTE file to process; RENAME and LINK old to new; LOADMODULE module file to module;
 * CHANGE_PRINCIPAL principal to process.
 *
 * @param id UUID v5 of the event id and the edge's position within the event
 * @param actorNode process that performed the operation when it is neither end, else null
 * @param attributes operation details (size, flags, return value, inferred), as strings
 */
public record Edge(
    String id,
    String eventId,
    String host,
    Operation operation,
    String sourceNode,
    String targetNode,
    String actorNode,
    long timestampNanos,
    long sequence,
    Map<String, String> attributes) {

  /** Copies attributes defensively, in key order (see {@link AttributeMaps}). */
  public Edge {
    attributes = AttributeMaps.sorted(attributes);
  }
}
