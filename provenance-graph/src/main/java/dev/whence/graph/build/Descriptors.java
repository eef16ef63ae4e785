package dev.whence.graph.build;

import dev.whence.graph.state.DescriptorEntry;
import dev.whence.graph.state.DescriptorKey;
import dev.whence.graph.state.DescriptorTarget;
import dev.whence.graph.state.ProcessEntry;
import java.util.Optional;

/** The descriptor tables: what each open descriptor of each process refers to. */
final class Descriptors {
  private Descriptors() {}

  /** The subject's descriptor {@code fd}, ignoring entries left by an earlier owner of the pid. */
  static Optional<DescriptorEntry> lookup(EventContext ctx, Integer fd) {
    return lookup(ctx, ctx.subject, fd);
  }

  static Optional<DescriptorEntry> lookup(EventContext ctx, ProcessEntry owner, Integer fd) {
    if (owner == null || fd == null || fd < 0) {
      return Optional.empty();
    }
    return ctx.state
        .descriptor(new DescriptorKey(ctx.host(), owner.key().pid(), fd))
        .filter(d -> d.processEntityId().equals(owner.entityId()));
  }

  /** Binds the subject's descriptor {@code fd} to {@code target}. */
  static void bind(EventContext ctx, Integer fd, DescriptorTarget target) {
    if (fd == null || fd < 0) {
      return;
    }
    DescriptorKey key = new DescriptorKey(ctx.host(), ctx.subject.key().pid(), fd);
    ctx.state.putDescriptor(
        new DescriptorEntry(key, ctx.subject.entityId(), target, ctx.sequence()));
  }

  /** Replaces the target of an existing entry, keeping when it was opened. */
  static void rebind(EventContext ctx, DescriptorEntry entry, DescriptorTarget target) {
    ctx.state.putDescriptor(
        new DescriptorEntry(entry.key(), entry.processEntityId(), target, entry.openedSequence()));
  }

  /** Closes the subject's descriptor {@code fd}. */
  static void close(EventContext ctx, Integer fd) {
    lookup(ctx, fd).ifPresent(d -> ctx.state.deleteDescriptor(d.key()));
  }
}
