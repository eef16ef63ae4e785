package dev.whence.graph.build;

import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.state.DescriptorTarget.FileTarget;
import dev.whence.graph.state.FileEntry;

/** Handlers of data and name operations on files, and of data operations on any descriptor. */
final class FileOperations {
  private static final long ACCESS_MODE = 3;
  private static final long WRITE_ONLY = 1;
  private static final long READ_WRITE = 2;

  private FileOperations() {}

  /**
   * Open binds the returned descriptor. Since many audit setups record opens but not each read or
   * write, an open for reading is a read and an open for writing is a write (O_ACCMODE only; no
   * flags means read).
   */
  static void open(EventContext ctx) {
    ObjectRef o1 = ctx.event.object1();
    Long flags = ctx.event.flags();
    long mode = flags == null ? 0 : flags & ACCESS_MODE;
    boolean writes = mode == WRITE_ONLY || mode == READ_WRITE;
    boolean reads = mode != WRITE_ONLY;
    if (!Files.identifiable(o1)) {
      if (reads) {
        Resolved.of(ctx, o1, false).flowIn(ctx, Operation.OPEN);
      }
      if (writes) {
        Resolved.of(ctx, o1, false).flowOut(ctx, Operation.OPEN);
      }
      return;
    }
    FileTarget target = Files.target(ctx, o1);
    Long rv = ctx.event.returnValue();
    Integer fd =
        rv != null && rv >= 0 && rv <= Integer.MAX_VALUE ? Integer.valueOf(rv.intValue()) : o1.fd();
    Descriptors.bind(ctx, fd, target);
    FileEntry entry = Files.current(ctx, target, writes && !reads);
    if (reads) {
      Files.read(ctx, entry, Operation.OPEN);
      entry = Files.current(ctx, target, false);
    }
    if (writes) {
      Files.write(ctx, entry, Operation.OPEN);
    }
  }

  /** Data flows from the object into the subject; {@code required}: the object must resolve. */
  static void flowIn(EventContext ctx, boolean required) {
    Resolved object = Resolved.of(ctx, ctx.event.object1(), false);
    if (object == null) {
      if (!required && ctx.event.object1() != null && ctx.event.object1().fd() != null) {
        ctx.out.note(
            NoteCode.UNRESOLVED_DESCRIPTOR,
            ctx.event.operation() + " on unknown descriptor " + ctx.event.object1().fd());
      }
      return;
    }
    object.flowIn(ctx, ctx.event.operation());
  }

  /** Data flows from the subject into the object. */
  static void flowOut(EventContext ctx) {
    Resolved.of(ctx, ctx.event.object1(), false).flowOut(ctx, ctx.event.operation());
  }

  /** Rename and link: the old version flows into a new version under the new name. */
  static void rename(EventContext ctx) {
    ObjectRef o1 = ctx.event.object1();
    ObjectRef o2 = ctx.event.object2();
    Resolved old = Resolved.of(ctx, o1, false);
    if (!(old instanceof Resolved.AFile file)) {
      ctx.out.note(NoteCode.NOT_MODELLED, ctx.event.operation() + " of an object that is no file");
      return;
    }
    String newPath = ctx.pathOf(o2);
    boolean link = ctx.event.operation() == Operation.LINK;
    if (link && o2.kind() == ObjectKind.SYMLINK) {
      FileEntry symlink = Files.current(ctx, Files.target(ctx, o2), true);
      Files.writeFrom(ctx, symlink, Operation.LINK, file.entry().nodeId(), ctx.subjectNode());
      return;
    }
    String oldPath = ctx.pathOf(o1) != null ? ctx.pathOf(o1) : file.entry().path();
    Files.rename(ctx, file.entry(), oldPath, newPath, link);
  }

  /** Unlink: the subject acts on the file like a write, and the name is forgotten. */
  static void unlink(EventContext ctx) {
    Resolved object = Resolved.of(ctx, ctx.event.object1(), false);
    if (object instanceof Resolved.AFile file) {
      Files.write(ctx, file.entry(), Operation.UNLINK);
      Files.unlink(ctx, file.entry(), ctx.pathOf(ctx.event.object1()));
    } else {
      object.flowOut(ctx, Operation.UNLINK);
    }
  }
}
