package dev.whence.graph.build;

import dev.whence.graph.identity.NodeIds;
import dev.whence.graph.model.ModuleNode;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;

/** Kernel module load and unload: the module file flows into the module, and so does the loader. */
final class ModuleOperations {
  private ModuleOperations() {}

  static void apply(EventContext ctx) {
    String name = Operations.moduleName(ctx);
    if (name == null) {
      ctx.out.note(NoteCode.NOT_MODELLED, ctx.event.operation() + " names no module");
      return;
    }
    String id = NodeIds.module(ctx.host(), ctx.boot(), name);
    ctx.out.node(new ModuleNode(id, ctx.host(), ctx.boot(), name, ctx.time()));
    Operation op = ctx.event.operation();
    if (op == Operation.LOADMODULE) {
      Resolved file = Resolved.of(ctx, moduleFile(ctx), false);
      if (file instanceof Resolved.AFile f) {
        Files.read(ctx, f.entry(), op);
        ctx.out.edge(op, f.entry().nodeId(), id, ctx.subjectNode());
      }
    }
    ctx.out.edge(op, ctx.subjectNode(), id, null);
  }

  private static ObjectRef moduleFile(EventContext ctx) {
    ObjectRef o1 = ctx.event.object1();
    ObjectRef o2 = ctx.event.object2();
    if (Files.identifiable(o1) || (o1 != null && o1.fd() != null)) {
      return o1;
    }
    return Files.identifiable(o2) ? o2 : null;
  }
}
