package dev.whence.graph.build;

import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.state.ProcessEntry;
import java.util.Map;

/** Handlers of process operations: exec, fork and clone, signals and ptrace, logins. */
final class ProcessOperations {
  private ProcessOperations() {}

  /**
   * The executed file flows into a new image of the subject, and so does the old image; a process
   * first seen at its exec has no old image, its first image is the executed one.
   */
  static void execute(EventContext ctx) {
    ObjectRef executable = ctx.event.object1();
    if (executable == null && ctx.event.subject().exe() != null) {
      executable = ObjectRef.file(ctx.event.subject().exe());
    }
    Resolved file = Resolved.of(ctx, executable, false);
    boolean firstSeenHere = ctx.subject.startSequence() == ctx.sequence();
    Long oldEuid = ctx.subject.image().euid();
    if (!firstSeenHere) {
      String executedPath =
          file instanceof Resolved.AFile f ? f.entry().path() : ctx.event.subject().exe();
      String oldImage = Processes.exec(ctx, executedPath);
      ctx.out.edge(Operation.EXECUTE, oldImage, ctx.subjectNode(), null, Map.of("role", "image"));
    }
    if (file != null) {
      file.flowIn(ctx, Operation.EXECUTE);
    }
    Long newEuid = ctx.subject.image().euid();
    if (oldEuid != null && newEuid != null && !oldEuid.equals(newEuid)) {
      String principal = Processes.principalNode(ctx, newEuid);
      ctx.out.edge(
          Operation.CHANGE_PRINCIPAL, principal, ctx.subjectNode(), null, Map.of("via", "exec"));
    }
    ObjectRef interpreter = ctx.event.object2();
    if (Files.identifiable(interpreter)) {
      Files.read(ctx, Files.current(ctx, Files.target(ctx, interpreter), false), Operation.EXECUTE);
    }
  }

  /** A new process (or a thread, folded into its process). */
  static void fork(EventContext ctx) {
    if (Preflight.isThread(ctx.event)) {
      ctx.out.note(NoteCode.THREAD_FOLDED, "CLONE with CLONE_THREAD creates a thread");
      return;
    }
    int childPid = Preflight.childPid(ctx.event);
    if (childPid == ctx.subject.key().pid()) {
      ctx.out.note(NoteCode.SELF_LOOP, ctx.event.operation() + " names the parent as child");
      return;
    }
    ProcessEntry child = Processes.fork(ctx, childPid);
    ctx.out.edge(ctx.event.operation(), ctx.subjectNode(), child.image().nodeId(), null);
  }

  /** Signals and ptrace: the subject acts on the target process. */
  static void control(EventContext ctx) {
    int pid = ctx.event.object1().pid();
    if (pid <= 0) {
      ctx.out.note(
          NoteCode.NOT_MODELLED, ctx.event.operation() + " to process group or all: pid " + pid);
      return;
    }
    ProcessEntry target = Processes.resolveTarget(ctx, pid);
    ctx.out.edge(ctx.event.operation(), ctx.subjectNode(), target.image().nodeId(), null);
  }

  /** A login or authentication: the user flows into the process. */
  static void login(EventContext ctx) {
    ObjectRef o1 = ctx.event.object1();
    Long uid =
        o1 != null && o1.principalId() != null ? o1.principalId() : ctx.event.subject().auid();
    if (uid == null || uid == ProcessInfo.UNSET_ID) {
      ctx.out.note(NoteCode.NOT_MODELLED, ctx.event.operation() + " names no user");
      return;
    }
    String principal = Processes.principalNode(ctx, uid);
    ctx.out.edge(ctx.event.operation(), principal, ctx.subjectNode(), null);
  }
}
