package dev.whence.graph.model;

import java.util.Map;

/** A user id on one host (uid 1000 on one host is not uid 1000 on another). */
public record PrincipalNode(String id, String host, long uid, long firstSeenNanos) implements Node {

  @Override
  public String entityId() {
    return id;
  }

  @Override
  public NodeKind kind() {
    return NodeKind.PRINCIPAL;
  }

  @Override
  public int version() {
    return 0;
  }

  @Override
  public String name() {
    return "uid:" + uid;
  }

  @Override
  public Map<String, String> attributes() {
    return new Attributes().put("uid", uid).build();
  }
}
