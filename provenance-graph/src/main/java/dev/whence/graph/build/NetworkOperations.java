package dev.whence.graph.build;

import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.state.DescriptorEntry;
import dev.whence.graph.state.DescriptorTarget.SocketTarget;
import java.util.Optional;

/** Handlers of connection set-up: connect, accept, bind. Data goes through {@link Resolved}. */
final class NetworkOperations {
  private NetworkOperations() {}

  /** The subject flows into the flow (or socket) it connects to. */
  static void connect(EventContext ctx) {
    ObjectRef o1 = unixPathAsAddress(ctx.event.object1(), true);
    String node = update(ctx, o1.fd(), Sockets.merge(known(ctx, o1.fd()), o1));
    ctx.out.edge(Operation.CONNECT, ctx.subjectNode(), node, null);
  }

  /** The accepted connection flows into the subject; the new descriptor refers to it. */
  static void accept(EventContext ctx) {
    ObjectRef o1 = ctx.event.object1();
    ObjectRef o2 = ctx.event.object2();
    SocketTarget listening = o1 == null ? null : known(ctx, o1.fd());
    ObjectRef peer = o2 != null && Sockets.addressed(o2) ? o2 : o1;
    Long rv = ctx.event.returnValue();
    Integer newFd =
        o2 != null && o2.fd() != null
            ? o2.fd()
            : rv != null && rv >= 0 && rv <= Integer.MAX_VALUE
                ? Integer.valueOf(rv.intValue())
                : null;
    SocketTarget base =
        listening == null
            ? new SocketTarget(null, null, null, null, null, null, null)
            : new SocketTarget(
                listening.family(),
                listening.protocol(),
                listening.localAddress(),
                listening.localPort(),
                null,
                null,
                null);
    SocketTarget accepted = peer == null ? base : Sockets.merge(base, peer);
    String node = update(ctx, newFd, accepted);
    ctx.out.edge(Operation.ACCEPT, node, ctx.subjectNode(), null);
  }

  /** Records the local address of a socket. */
  static void bind(EventContext ctx) {
    ObjectRef o1 = unixPathAsAddress(ctx.event.object1(), false);
    if (o1 == null || o1.fd() == null) {
      return;
    }
    SocketTarget merged = Sockets.merge(known(ctx, o1.fd()), o1);
    Optional<DescriptorEntry> entry = Descriptors.lookup(ctx, o1.fd());
    if (entry.isPresent()) {
      Descriptors.rebind(ctx, entry.get(), merged);
    } else {
      Descriptors.bind(ctx, o1.fd(), merged);
    }
  }

  private static SocketTarget known(EventContext ctx, Integer fd) {
    return Descriptors.lookup(ctx, fd)
        .map(DescriptorEntry::target)
        .filter(SocketTarget.class::isInstance)
        .map(SocketTarget.class::cast)
        .orElse(null);
  }

  /** Stores {@code socket} under {@code fd} (when given) and returns its node. */
  private static String update(EventContext ctx, Integer fd, SocketTarget socket) {
    if (fd == null || fd < 0) {
      return Sockets.node(ctx, socket, null, -1);
    }
    Optional<DescriptorEntry> entry = Descriptors.lookup(ctx, fd);
    if (entry.isPresent()) {
      Descriptors.rebind(ctx, entry.get(), socket);
    } else {
      Descriptors.bind(ctx, fd, socket);
    }
    return Sockets.node(ctx, socket, Descriptors.lookup(ctx, fd).orElseThrow(), fd);
  }

  /** A unix socket path given in {@code path} moved to the remote (connect) or local address. */
  private static ObjectRef unixPathAsAddress(ObjectRef o, boolean remote) {
    if (o == null || o.path() == null || o.remoteAddress() != null || o.localAddress() != null) {
      return o;
    }
    String family = o.family() == null ? "unix" : o.family();
    return new ObjectRef(
        o.kind(),
        null,
        o.inode(),
        o.device(),
        o.fd(),
        family,
        o.protocol(),
        remote ? null : o.path(),
        null,
        remote ? o.path() : null,
        null,
        o.pid(),
        o.principalId());
  }
}
