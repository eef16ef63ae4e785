package dev.whence.graph.build;

import dev.whence.graph.state.AliasEntry;
import dev.whence.graph.state.AliasKey;
import dev.whence.graph.state.DedupKey;
import dev.whence.graph.state.DedupWindow;
import dev.whence.graph.state.DescriptorEntry;
import dev.whence.graph.state.Expiry;
import dev.whence.graph.state.FileEntry;
import dev.whence.graph.state.FileKey;
import dev.whence.graph.state.GraphState;
import dev.whence.graph.state.ProcessEntry;
import dev.whence.graph.state.ProcessKey;
import java.util.List;
import java.util.Optional;

/**
 * Ages state out on event time through the expiry index: a due entry is removed when its deadline
 * (last seen + TTL, or exit + grace) has passed, rescheduled when it was touched since, and ignored
 * when the index entry is stale (the keyed entry was replaced or removed).
 */
final class Expirer {
  private static final int BATCH = 1024;

  private final GraphState state;
  private final GraphConfig config;
  private final Counters counters;

  Expirer(GraphState state, GraphConfig config, Counters counters) {
    this.state = state;
    this.config = config;
    this.counters = counters;
  }

  ExpiryReport expire(long now) {
    int[] removed = new int[5];
    int rescheduled = 0;
    List<Expiry> due;
    while (!(due = state.takeDue(now, BATCH)).isEmpty()) {
      for (Expiry e : due) {
        rescheduled += check(e, now, removed) ? 1 : 0;
      }
    }
    counters.processesExpired += removed[0];
    counters.descriptorsExpired += removed[1];
    counters.filesExpired += removed[2];
    counters.aliasesExpired += removed[3];
    counters.dedupExpired += removed[4];
    return new ExpiryReport(
        removed[0], removed[1], removed[2], removed[3], removed[4], rescheduled);
  }

  /** Returns true when the entry was rescheduled. */
  private boolean check(Expiry e, long now, int[] removed) {
    if (e.key() instanceof ProcessKey k) {
      Optional<ProcessEntry> p = state.process(k).filter(x -> x.expiryDue() == e.dueNanos());
      if (p.isEmpty()) {
        return false;
      }
      long deadline =
          p.get().exited()
              ? Times.after(p.get().exitNanos(), config.exitedProcessGrace())
              : Times.after(p.get().lastSeenNanos(), config.processIdleTtl());
      if (deadline > now) {
        state.putProcess(p.get().withExpiryDue(deadline));
        return reschedule(deadline, k);
      }
      List<DescriptorEntry> fds = state.descriptorsOf(k);
      fds.forEach(fd -> state.deleteDescriptor(fd.key()));
      state.deleteProcess(k);
      removed[0]++;
      removed[1] += fds.size();
    } else if (e.key() instanceof FileKey k) {
      Optional<FileEntry> f = state.file(k).filter(x -> x.expiryDue() == e.dueNanos());
      if (f.isEmpty()) {
        return false;
      }
      long deadline = Times.after(f.get().lastSeenNanos(), config.fileIdleTtl());
      if (deadline > now) {
        state.putFile(f.get().withExpiryDue(deadline));
        return reschedule(deadline, k);
      }
      state.deleteFile(k);
      removed[2]++;
    } else if (e.key() instanceof AliasKey k) {
      Optional<AliasEntry> a = state.alias(k).filter(x -> x.expiryDue() == e.dueNanos());
      if (a.isEmpty()) {
        return false;
      }
      long deadline = Times.after(a.get().lastSeenNanos(), config.fileIdleTtl());
      if (deadline > now) {
        state.putAlias(a.get().withExpiryDue(deadline));
        return reschedule(deadline, k);
      }
      state.deleteAlias(k);
      removed[3]++;
    } else if (e.key() instanceof DedupKey k) {
      Optional<DedupWindow> w = state.dedup(k).filter(x -> x.expiryDue() == e.dueNanos());
      if (w.isEmpty()) {
        return false;
      }
      long deadline = Times.after(w.get().lastSeenNanos(), config.dedupIdleTtl());
      if (deadline > now) {
        state.putDedup(w.get().withExpiryDue(deadline));
        return reschedule(deadline, k);
      }
      state.deleteDedup(k);
      removed[4]++;
    }
    return false;
  }

  private boolean reschedule(long deadline, dev.whence.graph.state.StateKey key) {
    state.schedule(new Expiry(deadline, key));
    return true;
  }
}
