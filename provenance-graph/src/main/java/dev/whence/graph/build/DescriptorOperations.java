package dev.whence.graph.build;

import dev.whence.graph.identity.NodeIds;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.PipeNode;
import dev.whence.graph.model.SocketNode;
import dev.whence.graph.state.DescriptorEntry;
import dev.whence.graph.state.DescriptorKey;
import dev.whence.graph.state.DescriptorTarget.SharedTarget;
import java.util.Optional;

/** Handlers that create objects reached by descriptors (pipes, sockets, files) and dup them. */
final class DescriptorOperations {
  private DescriptorOperations() {}

  /**
   * pipe(): object1 and object2 are the two ends (read, write) of one pipe; socketpair(): two
   * sockets; socket(): one socket; a file kind: a created file.
   */
  static void create(EventContext ctx) {
    ObjectRef o1 = ctx.event.object1();
    ObjectRef o2 = ctx.event.object2();
    if (o1 == null) {
      ctx.out.note(NoteCode.NOT_MODELLED, "CREATE_OBJECT without an object");
      return;
    }
    if (o1.kind() == ObjectKind.PIPE) {
      String id = NodeIds.pipe(ctx.host(), ctx.boot(), ctx.sequence());
      ctx.out.node(
          new PipeNode(
              id, ctx.host(), ctx.boot(), ctx.sequence(), ctx.subject.key().pid(), ctx.time()));
      bindShared(ctx, id, true, o1, o2);
    } else if (o1.kind() == ObjectKind.SOCKET && o2 != null && o2.kind() == ObjectKind.SOCKET) {
      String id = NodeIds.anonymousSocket(ctx.host(), ctx.boot(), ctx.sequence(), -1);
      String family = o1.family() == null ? "unix" : o1.family();
      ctx.out.node(new SocketNode(id, ctx.host(), family, null, ctx.time()));
      bindShared(ctx, id, false, o1, o2);
    } else if (o1.kind() == ObjectKind.SOCKET) {
      Long rv = ctx.event.returnValue();
      Integer fd =
          o1.fd() != null ? o1.fd() : rv != null && rv >= 0 ? Integer.valueOf(rv.intValue()) : null;
      Descriptors.bind(ctx, fd, Sockets.fromObject(o1));
    } else if (Files.identifiable(o1)) {
      var target = Files.target(ctx, o1);
      Files.write(ctx, Files.current(ctx, target, true), Operation.CREATE_OBJECT);
      Descriptors.bind(ctx, o1.fd(), target);
    } else {
      ctx.out.note(NoteCode.NOT_MODELLED, "CREATE_OBJECT of kind " + o1.kind());
    }
  }

  /** dup, dup2, F_DUPFD: the new descriptor refers to what the old one does. */
  static void dup(EventContext ctx) {
    ObjectRef o1 = ctx.event.object1();
    ObjectRef o2 = ctx.event.object2();
    Long rv = ctx.event.returnValue();
    Integer newFd =
        o2 != null && o2.fd() != null
            ? o2.fd()
            : rv != null && rv >= 0 && rv <= Integer.MAX_VALUE
                ? Integer.valueOf(rv.intValue())
                : null;
    Integer oldFd = Operations.fdOf(o1);
    if (newFd == null || newFd < 0 || newFd.equals(oldFd)) {
      return;
    }
    Optional<DescriptorEntry> old = Descriptors.lookup(ctx, oldFd);
    DescriptorKey key = new DescriptorKey(ctx.host(), ctx.subject.key().pid(), newFd);
    if (old.isEmpty()) {
      ctx.state.deleteDescriptor(key);
      ctx.out.note(NoteCode.UNRESOLVED_DESCRIPTOR, "DUP of unknown descriptor " + oldFd);
      return;
    }
    ctx.state.putDescriptor(
        new DescriptorEntry(
            key, ctx.subject.entityId(), old.get().target(), old.get().openedSequence()));
  }

  private static void bindShared(
      EventContext ctx, String id, boolean pipe, ObjectRef o1, ObjectRef o2) {
    SharedTarget target = new SharedTarget(id, pipe);
    Descriptors.bind(ctx, o1.fd(), target);
    if (o2 != null) {
      Descriptors.bind(ctx, o2.fd(), target);
    }
  }
}
