package dev.whence.graph.model;

import java.util.Map;

/**
 * A socket that is not an internet flow: a unix-domain or netlink socket known by its address, or a
 * socket pair or unconnected socket known by the event that created it.
 *
 * @param address unix socket path or other address, untrusted; null for an anonymous socket
 */
public record SocketNode(String id, String host, String family, String address, long firstSeenNanos)
    implements Node {

  @Override
  public String entityId() {
    return id;
  }

  @Override
  public NodeKind kind() {
    return NodeKind.SOCKET;
  }

  @Override
  public int version() {
    return 0;
  }

  @Override
  public String name() {
    return address == null ? family : family + ":" + address;
  }

  @Override
  public Map<String, String> attributes() {
    return new Attributes().put("family", family).put("address", address).build();
  }
}
