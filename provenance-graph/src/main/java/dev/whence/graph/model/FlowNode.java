package dev.whence.graph.model;

import java.util.Map;

/**
 * A network flow between two endpoints, identified by a canonical key shared by both ends: the
 * connect on one host and the accept on the other compute the same id. {@link #host()} is the scope
 * the key was made in: the host itself for loopback, link-local, wildcard or half-known endpoints;
 * {@code site:NAME} for private addresses; {@code *} for public addresses.
 *
 * @param scope how widely the key is shared (HOST, SITE or GLOBAL)
 * @param lowEndpoint the smaller endpoint in canonical order, {@code address:port}
 * @param highEndpoint the larger endpoint in canonical order
 */
public record FlowNode(
    String id,
    String scope,
    String scopeName,
    String protocol,
    String lowEndpoint,
    String highEndpoint,
    long firstSeenNanos)
    implements Node {

  @Override
  public String entityId() {
    return id;
  }

  @Override
  public NodeKind kind() {
    return NodeKind.FLOW;
  }

  @Override
  public String host() {
    return scopeName;
  }

  @Override
  public int version() {
    return 0;
  }

  @Override
  public String name() {
    return protocol + " " + lowEndpoint + " <-> " + highEndpoint;
  }

  @Override
  public Map<String, String> attributes() {
    return new Attributes()
        .put("scope", scope)
        .put("protocol", protocol)
        .put("lowEndpoint", lowEndpoint)
        .put("highEndpoint", highEndpoint)
        .build();
  }
}
