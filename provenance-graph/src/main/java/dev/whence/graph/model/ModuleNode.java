package dev.whence.graph.model;

import java.util.Map;

/** A kernel module loaded in one boot of a host, identified by (host, boot, module name). */
public record ModuleNode(
    String id, String host, String boot, String moduleName, long firstSeenNanos) implements Node {

  @Override
  public String entityId() {
    return id;
  }

  @Override
  public NodeKind kind() {
    return NodeKind.MODULE;
  }

  @Override
  public int version() {
    return 0;
  }

  @Override
  public String name() {
    return moduleName;
  }

  @Override
  public Map<String, String> attributes() {
    return new Attributes().put("boot", boot).build();
  }
}
