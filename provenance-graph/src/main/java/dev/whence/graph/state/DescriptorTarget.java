package dev.whence.graph.state;

import dev.whence.graph.model.ObjectKind;

/** What an open descriptor refers to. */
public sealed interface DescriptorTarget {

  /** A file entity; its current version is looked up at each use. */
  record FileTarget(String entityId, String path, String device, Long inode, ObjectKind kind)
      implements DescriptorTarget {}

  /** A pipe (or socket pair) node shared by several descriptors. */
  record SharedTarget(String nodeId, boolean pipe) implements DescriptorTarget {}

  /**
   * A socket with whatever is known of it; a flow once both ends are known.
   *
   * @param announcedNodeId node last emitted for this socket (flow, named or anonymous socket), so
   *     that it is emitted once per descriptor rather than with every send
   */
  record SocketTarget(
      String family,
      String protocol,
      String localAddress,
      Integer localPort,
      String remoteAddress,
      Integer remotePort,
      String announcedNodeId)
      implements DescriptorTarget {

    /** This socket with another announced node. */
    public SocketTarget announced(String nodeId) {
      return new SocketTarget(
          family, protocol, localAddress, localPort, remoteAddress, remotePort, nodeId);
    }
  }
}
