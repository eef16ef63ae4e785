package dev.whence.graph.detect;

import dev.whence.graph.model.NodeKind;

/**
 * An object as an alert shows it (Avro {@code AlertObject}).
 *
 * @param nodeId graph node id, empty when the event produced no edge (a refused operation)
 * @param name path, address or other name; untrusted; may be null
 */
public record AlertObject(String nodeId, NodeKind kind, String name) {}
