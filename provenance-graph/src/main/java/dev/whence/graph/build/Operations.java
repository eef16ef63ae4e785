package dev.whence.graph.build;

import dev.whence.graph.identity.NodeIds;
import dev.whence.graph.model.HostNode;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.SystemEvent;

/** Dispatches an event to the handler of its operation family. */
final class Operations {
  /** Linux EINPROGRESS, negated: a non-blocking connect that is under way. */
  static final long LINUX_EINPROGRESS = -115;

  /** FreeBSD EINPROGRESS, negated. */
  static final long BSD_EINPROGRESS = -36;

  private Operations() {}

  /** Whether the operation took effect (a non-blocking connect in progress counts). */
  static boolean succeeded(SystemEvent e) {
    if (e.success()) {
      return true;
    }
    Long rv = e.returnValue();
    return e.operation() == Operation.CONNECT
        && rv != null
        && (rv == LINUX_EINPROGRESS || rv == BSD_EINPROGRESS);
  }

  static void apply(EventContext ctx) {
    Operation op = ctx.event.operation();
    boolean privilegeOp = op == Operation.EXECUTE || op == Operation.CHANGE_PRINCIPAL;
    Processes.resolveSubject(ctx, !privilegeOp);
    if (!succeeded(ctx.event)) {
      ctx.out.note(NoteCode.FAILED_OPERATION, op + " failed with " + ctx.event.returnValue());
      return;
    }
    switch (op) {
      case EXECUTE -> ProcessOperations.execute(ctx);
      case FORK, CLONE -> ProcessOperations.fork(ctx);
      case EXIT -> Processes.exit(ctx);
      case CHANGE_PRINCIPAL -> Processes.changePrincipal(ctx, op, false);
      case SIGNAL, PTRACE -> ProcessOperations.control(ctx);
      case LOGIN, AUTHENTICATE -> ProcessOperations.login(ctx);
      case OPEN -> FileOperations.open(ctx);
      case READ, RECVFROM, RECVMSG, LOADLIBRARY -> FileOperations.flowIn(ctx, true);
      case MMAP -> FileOperations.flowIn(ctx, false);
      case WRITE, SENDTO, SENDMSG, TRUNCATE, MODIFY_FILE_ATTRIBUTES, MOUNT, UMOUNT ->
          FileOperations.flowOut(ctx);
      case RENAME, LINK -> FileOperations.rename(ctx);
      case UNLINK -> FileOperations.unlink(ctx);
      case CREATE_OBJECT -> DescriptorOperations.create(ctx);
      case DUP -> DescriptorOperations.dup(ctx);
      case CLOSE -> Descriptors.close(ctx, fdOf(ctx.event.object1()));
      case CONNECT -> NetworkOperations.connect(ctx);
      case ACCEPT -> NetworkOperations.accept(ctx);
      case BIND -> NetworkOperations.bind(ctx);
      case LOADMODULE, UNLOADMODULE -> ModuleOperations.apply(ctx);
      case CONFIG_CHANGE -> configChange(ctx);
      default -> ctx.out.note(NoteCode.NOT_MODELLED, op + " carries no information flow");
    }
  }

  static Integer fdOf(ObjectRef object) {
    return object == null ? null : object.fd();
  }

  /** The module an event loads or unloads, or null when it names none. */
  static String moduleName(EventContext ctx) {
    for (ObjectRef o : new ObjectRef[] {ctx.event.object1(), ctx.event.object2()}) {
      if (o != null && o.kind() == ObjectKind.MODULE && o.path() != null && !o.path().isBlank()) {
        return Texts.bound(o.path(), ctx.config.maxText());
      }
    }
    for (ObjectRef o : new ObjectRef[] {ctx.event.object1(), ctx.event.object2()}) {
      if (Files.identifiable(o) && o.path() != null) {
        String base = o.path().substring(o.path().lastIndexOf('/') + 1);
        String name = base.replaceFirst("\\.ko(\\.(xz|gz|zst))?$", "");
        return name.isEmpty() ? null : Texts.bound(name, ctx.config.maxText());
      }
    }
    return null;
  }

  private static void configChange(EventContext ctx) {
    String id = NodeIds.host(ctx.host());
    ctx.out.node(new HostNode(id, ctx.host(), ctx.time()));
    ctx.out.edge(Operation.CONFIG_CHANGE, ctx.subjectNode(), id, null);
  }
}
