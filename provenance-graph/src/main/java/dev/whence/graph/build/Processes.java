package dev.whence.graph.build;

import dev.whence.graph.identity.NodeIds;
import dev.whence.graph.model.Ancestor;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.PrincipalNode;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.model.ProcessNode;
import dev.whence.graph.state.DescriptorEntry;
import dev.whence.graph.state.DescriptorKey;
import dev.whence.graph.state.Expiry;
import dev.whence.graph.state.ProcessEntry;
import dev.whence.graph.state.ProcessImage;
import dev.whence.graph.state.ProcessKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process table: identity across pid reuse and reboots, images replaced by exec and privilege
 * changes, inline ancestry, and inheritance of descriptors at fork.
 */
final class Processes {
  private Processes() {}

  /**
   * The entry of (host, pid) in this boot that the event belongs to, if any: a running process, or
   * an exited one while the event is no later than its exit (a late record of one of its threads;
   * the entry is kept for {@code exitedProcessGrace}). An event after the exit is a new process.
   */
  static Optional<ProcessEntry> live(EventContext ctx, int pid) {
    return ctx.state
        .process(new ProcessKey(ctx.host(), pid))
        .filter(e -> e.boot().equals(ctx.boot()) && (!e.exited() || ctx.time() <= e.exitNanos()));
  }

  /** Resolves the acting process, creating it when first seen or when its pid was reused. */
  static ProcessEntry resolveSubject(EventContext ctx, boolean checkPrivileges) {
    ProcessInfo info = ctx.event.subject();
    Optional<ProcessEntry> current = live(ctx, info.pid());
    if (current.isEmpty()) {
      ctx.subject = create(ctx, info, false, parentOf(ctx, info));
      return ctx.subject;
    }
    ProcessEntry entry = touch(ctx, current.get());
    ctx.subject = entry;
    if (checkPrivileges && privilegesChanged(entry.image(), info)) {
      changePrincipal(ctx, Operation.CHANGE_PRINCIPAL, true);
    }
    return ctx.subject;
  }

  /** The live process with this pid, created as first seen when unknown (signal targets). */
  static ProcessEntry resolveTarget(EventContext ctx, int pid) {
    return live(ctx, pid).orElseGet(() -> create(ctx, ProcessInfo.ofPid(pid), false, null));
  }

  /** Creates the child of a fork, or adopts a child whose own events came before the fork. */
  static ProcessEntry fork(EventContext ctx, int childPid) {
    ProcessEntry parent = ctx.subject;
    Optional<ProcessEntry> early =
        live(ctx, childPid)
            .filter(e -> !e.forked() && (e.ppid() == null || e.ppid() == parent.key().pid()));
    if (early.isPresent()) {
      ProcessEntry adopted =
          early.get().withParent(parent.key().pid(), parent.image().nodeId(), chain(ctx, parent));
      ctx.state.putProcess(adopted);
      for (DescriptorEntry fd : ctx.state.descriptorsOf(parent.key())) {
        DescriptorKey key = new DescriptorKey(ctx.host(), childPid, fd.key().fd());
        if (ctx.state.descriptor(key).isEmpty()) {
          ctx.state.putDescriptor(
              new DescriptorEntry(key, adopted.entityId(), fd.target(), fd.openedSequence()));
        }
      }
      return adopted;
    }
    ProcessImage p = parent.image();
    ProcessInfo inherited =
        new ProcessInfo(
            childPid,
            null,
            parent.key().pid(),
            p.uid(),
            p.euid(),
            p.gid(),
            null,
            p.auid(),
            null,
            p.comm(),
            p.exe(),
            p.argv(),
            p.cwd());
    ProcessEntry child = create(ctx, inherited, true, parent);
    for (DescriptorEntry fd : ctx.state.descriptorsOf(parent.key())) {
      DescriptorKey key = new DescriptorKey(ctx.host(), childPid, fd.key().fd());
      ctx.state.putDescriptor(
          new DescriptorEntry(key, child.entityId(), fd.target(), fd.openedSequence()));
    }
    return child;
  }

  /** Starts a new image of the subject after exec; returns the previous image's node id. */
  static String exec(EventContext ctx, String executedPath) {
    ProcessEntry entry = ctx.subject;
    ProcessInfo info = ctx.event.subject();
    ProcessImage old = entry.image();
    String exe = info.exe() != null ? info.exe() : executedPath;
    ProcessImage image =
        image(ctx, entry.entityId(), old.version() + 1, merged(info, old, exe, info.argv()));
    replaceImage(ctx, entry, image);
    return old.nodeId();
  }

  /** Starts a new image with the subject's current user ids and links it to its principal. */
  static void changePrincipal(EventContext ctx, Operation operation, boolean inferred) {
    ProcessEntry entry = ctx.subject;
    ProcessImage old = entry.image();
    ProcessInfo info = ctx.event.subject();
    Long principal = principalOf(ctx, info, old);
    String target = old.nodeId();
    if (privilegesChanged(old, info)) {
      ProcessImage image =
          image(ctx, entry.entityId(), old.version() + 1, merged(info, old, old.exe(), old.argv()));
      replaceImage(ctx, entry, image);
      ctx.out.edge(operation, old.nodeId(), image.nodeId(), null, Map.of("role", "image"));
      target = image.nodeId();
    }
    if (principal != null) {
      String id = principalNode(ctx, principal);
      ctx.out.edge(operation, id, target, null, inferred ? Map.of("inferred", "true") : Map.of());
    }
  }

  /** Emits the principal node of a user id on the event's host and returns its id. */
  static String principalNode(EventContext ctx, long uid) {
    String id = NodeIds.principal(ctx.host(), uid);
    ctx.out.node(new PrincipalNode(id, ctx.host(), uid, ctx.time()));
    return id;
  }

  /** Marks the subject exited and forgets its descriptors. */
  static void exit(EventContext ctx) {
    ProcessEntry entry = ctx.subject;
    long due = Times.after(ctx.time(), ctx.config.exitedProcessGrace());
    ctx.state.putProcess(entry.withExit(ctx.time(), due));
    ctx.state.schedule(new Expiry(due, entry.key()));
    dropDescriptors(ctx, entry.key());
  }

  static int dropDescriptors(EventContext ctx, ProcessKey key) {
    List<DescriptorEntry> fds = ctx.state.descriptorsOf(key);
    fds.forEach(fd -> ctx.state.deleteDescriptor(fd.key()));
    return fds.size();
  }

  /** The view of an entry that updates and queries return. */
  static ProcessView view(ProcessEntry entry) {
    ProcessImage image = entry.image();
    return new ProcessView(
        image.nodeId(),
        entry.entityId(),
        entry.key().host(),
        entry.key().pid(),
        image.exe(),
        image.argv(),
        image.uid(),
        image.euid(),
        image.startNanos(),
        entry.ancestors());
  }

  static boolean privilegesChanged(ProcessImage image, ProcessInfo info) {
    return differs(image.uid(), info.uid()) || differs(image.euid(), info.euid());
  }

  private static boolean differs(Long known, Long reported) {
    return known != null && reported != null && !known.equals(reported);
  }

  private static Long principalOf(EventContext ctx, ProcessInfo info, ProcessImage old) {
    if (ctx.event.object1() != null && ctx.event.object1().principalId() != null) {
      return ctx.event.object1().principalId();
    }
    return info.euid() != null ? info.euid() : old.euid();
  }

  private static ProcessInfo merged(
      ProcessInfo info, ProcessImage old, String exe, List<String> argv) {
    return new ProcessInfo(
        info.pid(),
        null,
        info.ppid(),
        first(info.uid(), old.uid()),
        first(info.euid(), old.euid()),
        first(info.gid(), old.gid()),
        null,
        first(info.auid(), old.auid()),
        null,
        first(info.comm(), old.comm()),
        exe,
        argv.isEmpty() ? old.argv() : argv,
        first(info.cwd(), old.cwd()));
  }

  private static <T> T first(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }

  private static void replaceImage(EventContext ctx, ProcessEntry entry, ProcessImage image) {
    List<Ancestor> ancestors = new ArrayList<>();
    ancestors.add(ancestorOf(entry));
    ancestors.addAll(entry.ancestors());
    ProcessEntry next =
        entry
            .withImage(image, bounded(ctx, ancestors))
            .withLastSeen(Math.max(entry.lastSeenNanos(), ctx.time()));
    ctx.state.putProcess(next);
    ctx.subject = next;
    emit(ctx, next);
  }

  private static ProcessEntry create(
      EventContext ctx, ProcessInfo info, boolean forked, ProcessEntry parent) {
    ProcessKey key = new ProcessKey(ctx.host(), info.pid());
    ctx.state.process(key).ifPresent(stale -> dropDescriptors(ctx, key));
    String entityId = NodeIds.processEntity(ctx.host(), ctx.boot(), info.pid(), ctx.sequence());
    ProcessImage image = image(ctx, entityId, 0, info);
    long due = Times.after(ctx.time(), ctx.config.processIdleTtl());
    Integer ppid = parent != null ? Integer.valueOf(parent.key().pid()) : info.ppid();
    ProcessEntry entry =
        new ProcessEntry(
            key,
            ctx.boot(),
            entityId,
            ctx.sequence(),
            forked,
            ppid,
            parent == null ? null : parent.image().nodeId(),
            image,
            parent == null ? List.of() : chain(ctx, parent),
            ctx.time(),
            null,
            due);
    ctx.state.putProcess(entry);
    ctx.state.schedule(new Expiry(due, key));
    emit(ctx, entry);
    if (parent != null && !forked) {
      ctx.out.edge(
          Operation.FORK,
          parent.image().nodeId(),
          image.nodeId(),
          null,
          Map.of("inferred", "true"));
    }
    return entry;
  }

  private static ProcessEntry parentOf(EventContext ctx, ProcessInfo info) {
    if (info.ppid() == null || info.ppid().equals(info.pid())) {
      return null;
    }
    return live(ctx, info.ppid()).orElse(null);
  }

  private static ProcessImage image(EventContext ctx, String entityId, int version, ProcessInfo i) {
    int max = ctx.config.maxText();
    return new ProcessImage(
        version,
        NodeIds.processVersion(entityId, version),
        i.uid(),
        i.euid(),
        i.auid(),
        i.gid(),
        Texts.bound(i.comm(), max),
        Texts.bound(i.exe(), max),
        Texts.argv(i.argv(), max, ctx.config.maxArgvChars()),
        Texts.bound(i.cwd(), max),
        ctx.time());
  }

  private static void emit(EventContext ctx, ProcessEntry entry) {
    ProcessImage i = entry.image();
    ctx.out.node(
        new ProcessNode(
            i.nodeId(),
            entry.entityId(),
            ctx.host(),
            entry.boot(),
            entry.key().pid(),
            entry.startSequence(),
            i.version(),
            entry.ppid(),
            i.uid(),
            i.euid(),
            i.auid(),
            i.gid(),
            i.comm(),
            i.exe(),
            i.argv(),
            i.cwd(),
            i.startNanos()));
  }

  private static List<Ancestor> chain(EventContext ctx, ProcessEntry parent) {
    List<Ancestor> chain = new ArrayList<>();
    chain.add(ancestorOf(parent));
    chain.addAll(parent.ancestors());
    return bounded(ctx, chain);
  }

  private static Ancestor ancestorOf(ProcessEntry entry) {
    ProcessImage i = entry.image();
    return new Ancestor(i.nodeId(), entry.key().pid(), i.exe(), i.argv(), i.uid(), i.startNanos());
  }

  private static List<Ancestor> bounded(EventContext ctx, List<Ancestor> chain) {
    int max = ctx.config.maxAncestors();
    return chain.size() <= max ? chain : List.copyOf(chain.subList(0, max));
  }

  private static ProcessEntry touch(EventContext ctx, ProcessEntry entry) {
    if (ctx.time() - entry.lastSeenNanos() < ctx.touchGranularityNanos()) {
      return entry;
    }
    ProcessEntry touched = entry.withLastSeen(ctx.time());
    ctx.state.putProcess(touched);
    return touched;
  }
}
