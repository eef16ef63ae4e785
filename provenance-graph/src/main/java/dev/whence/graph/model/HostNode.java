package dev.whence.graph.model;

import java.util.Map;

/** A watched host as a whole: the target of configuration changes (audit settings, mounts). */
public record HostNode(String id, String host, long firstSeenNanos) implements Node {

  @Override
  public String entityId() {
    return id;
  }

  @Override
  public NodeKind kind() {
    return NodeKind.HOST;
  }

  @Override
  public int version() {
    return 0;
  }

  @Override
  public String name() {
    return host;
  }

  @Override
  public Map<String, String> attributes() {
    return Map.of();
  }
}
