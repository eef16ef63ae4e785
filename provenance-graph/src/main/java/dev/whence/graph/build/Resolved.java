package dev.whence.graph.build;

import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.state.DescriptorEntry;
import dev.whence.graph.state.DescriptorTarget;
import dev.whence.graph.state.DescriptorTarget.FileTarget;
import dev.whence.graph.state.DescriptorTarget.SharedTarget;
import dev.whence.graph.state.DescriptorTarget.SocketTarget;
import dev.whence.graph.state.FileEntry;
import java.util.Objects;
import java.util.Optional;

/** The object of a data operation, resolved through the descriptor table or its own identity. */
sealed interface Resolved {

  /** A file: reads and writes go through its versions. */
  record AFile(FileEntry entry) implements Resolved {}

  /** Any other node (pipe, flow, socket): one node for both directions. */
  record ANode(String nodeId) implements Resolved {}

  /** Information flows from the object into the subject. */
  default void flowIn(EventContext ctx, Operation operation) {
    if (this instanceof AFile f) {
      Files.read(ctx, f.entry(), operation);
    } else if (this instanceof ANode n) {
      ctx.out.edge(operation, n.nodeId(), ctx.subjectNode(), null);
    }
  }

  /** Information flows from the subject into the object. */
  default void flowOut(EventContext ctx, Operation operation) {
    if (this instanceof AFile f) {
      Files.write(ctx, f.entry(), operation);
    } else if (this instanceof ANode n) {
      ctx.out.edge(operation, ctx.subjectNode(), n.nodeId(), null);
    }
  }

  /** Whether {@link #of} can resolve {@code object} for a subject with this (possibly null) pid. */
  static boolean resolvable(EventContext ctx, ObjectRef object) {
    if (object == null) {
      return false;
    }
    if (Files.identifiable(object) || Sockets.addressed(object)) {
      return true;
    }
    return Processes.live(ctx, ctx.event.subject().pid())
        .flatMap(owner -> Descriptors.lookup(ctx, owner, object.fd()))
        .isPresent();
  }

  /** Resolves {@code object}, or returns null; {@code creatingWrite} for objects being made. */
  static Resolved of(EventContext ctx, ObjectRef object, boolean creatingWrite) {
    if (object == null) {
      return null;
    }
    Optional<DescriptorEntry> entry = Descriptors.lookup(ctx, object.fd());
    if (entry.isPresent()) {
      if (!reusedUnseen(entry.get().target(), object)) {
        return throughDescriptor(ctx, entry.get(), object);
      }
      ctx.out.note(
          NoteCode.REUSED_DESCRIPTOR,
          ctx.event.operation()
              + " on descriptor "
              + object.fd()
              + ", which refers to another file than the one it was bound to");
    }
    if (Files.identifiable(object)) {
      FileTarget target = Files.target(ctx, object);
      if (entry.isPresent()) {
        Descriptors.bind(ctx, object.fd(), target);
      }
      return new AFile(Files.current(ctx, target, creatingWrite));
    }
    if (Sockets.addressed(object)) {
      int fd = object.fd() == null ? -1 : object.fd();
      return new ANode(Sockets.node(ctx, Sockets.fromObject(object), null, fd));
    }
    return null;
  }

  /**
   * Whether the event shows that {@code fd} was closed and reused by calls the audit rules do not
   * record (the standard profile records neither close nor opens for reading): the event names a
   * regular file by its inode, and the descriptor's target is another inode or no file at all.
   */
  private static boolean reusedUnseen(DescriptorTarget target, ObjectRef object) {
    if (object.inode() == null || !object.kind().isFileLike()) {
      return false;
    }
    if (target instanceof FileTarget f) {
      return f.inode() != null
          && (!f.inode().equals(object.inode())
              || f.device() != null
                  && object.device() != null
                  && !f.device().equals(object.device()));
    }
    return object.kind() == ObjectKind.FILE;
  }

  private static Resolved throughDescriptor(
      EventContext ctx, DescriptorEntry entry, ObjectRef object) {
    int fd = entry.key().fd();
    if (entry.target() instanceof FileTarget f) {
      return new AFile(Files.current(ctx, f, false));
    }
    if (entry.target() instanceof SharedTarget s) {
      return new ANode(s.nodeId());
    }
    SocketTarget s = (SocketTarget) entry.target();
    boolean otherPeer =
        object.remoteAddress() != null
            && (!object.remoteAddress().equals(s.remoteAddress())
                || !Objects.equals(object.remotePort(), s.remotePort()));
    return otherPeer
        ? new ANode(Sockets.node(ctx, Sockets.merge(s, object).announced(null), null, fd))
        : new ANode(Sockets.node(ctx, s, entry, fd));
  }
}
