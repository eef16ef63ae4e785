package dev.whence.graph.model;

import java.util.Map;

/**
 * One version of one entity of the provenance graph. Ids are name-based UUIDs of natural keys (see
 * {@code dev.whence.graph.identity.NodeIds}), so every instance and every replay computes the same
 * ids. The content of a node with a given id never changes, except {@link #firstSeenNanos()} of
 * nodes that two hosts can emit (flows, principals, modules, hosts): keep the smallest.
 */
public sealed interface Node
    permits ProcessNode,
        FileNode,
        FlowNode,
        PipeNode,
        SocketNode,
        PrincipalNode,
        HostNode,
        ModuleNode {

  /** Id of this version of the entity. */
  String id();

  /** Id shared by every version of the same entity. */
  String entityId();

  /** What kind of entity this is. */
  NodeKind kind();

  /** Host the entity lives on; for a flow, the scope it is identified in (see {@link FlowNode}). */
  String host();

  /** Version of the entity, 0 for the first. */
  int version();

  /** Human-readable name (path, exe, address pair, user id), untrusted; may be null. */
  String name();

  /** Event time at which this version was first seen. */
  long firstSeenNanos();

  /** Kind-specific attributes as strings, without null values. */
  Map<String, String> attributes();
}
