package dev.whence.graph.build;

import dev.whence.graph.identity.Endpoint;
import dev.whence.graph.identity.FlowKey;
import dev.whence.graph.identity.NodeIds;
import dev.whence.graph.model.FlowNode;
import dev.whence.graph.model.Node;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.SocketNode;
import dev.whence.graph.state.DescriptorEntry;
import dev.whence.graph.state.DescriptorTarget.SocketTarget;
import java.util.Locale;
import java.util.Set;

/** Sockets: what is known of each end, and the node (flow or socket) data goes through. */
final class Sockets {
  private static final Set<String> LOCAL_FAMILIES = Set.of("unix", "local", "file", "netlink");

  private Sockets() {}

  /** Whether the object names a socket by an address of its own. */
  static boolean addressed(ObjectRef object) {
    return object != null && (object.remoteAddress() != null || object.localAddress() != null);
  }

  /** What the object says of a socket. */
  static SocketTarget fromObject(ObjectRef o) {
    return new SocketTarget(
        o.family(),
        o.protocol(),
        o.localAddress(),
        o.localPort(),
        o.remoteAddress(),
        o.remotePort(),
        null);
  }

  /** {@code known} completed by whatever the object adds (the object wins where both say). */
  static SocketTarget merge(SocketTarget known, ObjectRef o) {
    if (known == null) {
      return fromObject(o);
    }
    if (o == null) {
      return known;
    }
    boolean newPeer = o.remoteAddress() != null;
    return new SocketTarget(
        o.family() != null ? o.family() : known.family(),
        o.protocol() != null ? o.protocol() : known.protocol(),
        o.localAddress() != null ? o.localAddress() : known.localAddress(),
        o.localPort() != null ? o.localPort() : known.localPort(),
        newPeer ? o.remoteAddress() : known.remoteAddress(),
        newPeer ? o.remotePort() : known.remotePort(),
        known.announcedNodeId());
  }

  /**
   * The node data through {@code socket} goes to or comes from, emitted unless the descriptor
   * already announced it. {@code entry} is the descriptor holding the socket, or null.
   */
  static String node(EventContext ctx, SocketTarget socket, DescriptorEntry entry, int fd) {
    Node node = candidate(ctx, socket, entry, fd);
    if (!node.id().equals(socket.announcedNodeId())) {
      ctx.out.node(node);
      if (entry != null && entry.target() instanceof SocketTarget stored) {
        Descriptors.rebind(ctx, entry, stored.announced(node.id()));
      }
    }
    return node.id();
  }

  private static Node candidate(
      EventContext ctx, SocketTarget socket, DescriptorEntry entry, int fd) {
    String family = socket.family() == null ? "" : socket.family().toLowerCase(Locale.ROOT);
    if (LOCAL_FAMILIES.contains(family)) {
      String address =
          socket.remoteAddress() != null ? socket.remoteAddress() : socket.localAddress();
      if (address != null) {
        String id = NodeIds.namedSocket(ctx.host(), family, address);
        String bounded = Texts.bound(address, ctx.config.maxText());
        return new SocketNode(id, ctx.host(), family, bounded, ctx.time());
      }
    } else if (socket.remoteAddress() != null) {
      FlowKey key =
          FlowKey.of(
              ctx.host(),
              ctx.config.flowScope().siteOf(ctx.host()),
              socket.protocol(),
              Endpoint.parse(socket.localAddress(), socket.localPort()),
              Endpoint.parse(socket.remoteAddress(), socket.remotePort()));
      return new FlowNode(
          NodeIds.flow(key),
          key.scope(),
          key.scopeName(),
          key.protocol(),
          key.low(),
          key.high(),
          ctx.time());
    }
    long origin = entry == null ? ctx.sequence() : entry.openedSequence();
    String id = NodeIds.anonymousSocket(ctx.host(), ctx.boot(), origin, fd);
    return new SocketNode(id, ctx.host(), family.isEmpty() ? "inet" : family, null, ctx.time());
  }
}
