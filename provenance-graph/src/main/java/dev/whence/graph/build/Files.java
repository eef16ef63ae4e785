package dev.whence.graph.build;

import dev.whence.graph.identity.NodeIds;
import dev.whence.graph.model.FileNode;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.state.AliasEntry;
import dev.whence.graph.state.AliasKey;
import dev.whence.graph.state.DescriptorTarget.FileTarget;
import dev.whence.graph.state.Expiry;
import dev.whence.graph.state.FileEntry;
import dev.whence.graph.state.FileKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Files and their versions: identity by inode or path, names (aliases) kept across rename and link,
 * and a new version whenever data may change after someone read the current one.
 */
final class Files {
  private Files() {}

  /** Whether the object names a file by path or inode. */
  static boolean identifiable(ObjectRef object) {
    return object != null
        && (object.kind().isFileLike() || object.kind() == ObjectKind.UNKNOWN)
        && ((object.path() != null && !object.path().isEmpty()) || object.inode() != null);
  }

  /** The descriptor target of a file object (its entity, recording its name). */
  static FileTarget target(EventContext ctx, ObjectRef object) {
    String path = ctx.pathOf(object);
    ObjectKind kind = object.kind() == ObjectKind.UNKNOWN ? ObjectKind.FILE : object.kind();
    String entityId;
    if (object.inode() != null) {
      entityId = NodeIds.fileByInode(ctx.host(), object.device(), object.inode());
      if (path != null) {
        putAlias(ctx, path, entityId, object.device(), object.inode());
      }
      return new FileTarget(entityId, path, object.device(), object.inode(), kind);
    }
    AliasKey aliasKey = new AliasKey(ctx.host(), path);
    Optional<AliasEntry> alias = ctx.state.alias(aliasKey);
    if (alias.isPresent()) {
      AliasEntry a = touchAlias(ctx, alias.get());
      return new FileTarget(a.entityId(), path, a.device(), a.inode(), kind);
    }
    entityId = NodeIds.fileByPath(ctx.host(), path);
    Optional<FileEntry> holder = ctx.state.file(new FileKey(ctx.host(), entityId));
    if (holder.isPresent() && !path.equals(holder.get().path())) {
      entityId = NodeIds.fileByPath(ctx.host(), path, ctx.eventId());
    }
    putAlias(ctx, path, entityId, null, null);
    return new FileTarget(entityId, path, null, null, kind);
  }

  /** The current version of a file, created as version 0 (by the subject when writing) if new. */
  static FileEntry current(EventContext ctx, FileTarget target, boolean creatingWrite) {
    FileKey key = new FileKey(ctx.host(), target.entityId());
    Optional<FileEntry> known = ctx.state.file(key);
    if (known.isPresent()) {
      FileEntry entry = known.get();
      if (ctx.time() - entry.lastSeenNanos() >= ctx.touchGranularityNanos()) {
        entry = entry.withLastSeen(ctx.time());
        ctx.state.putFile(entry);
      }
      return entry;
    }
    long due = Times.after(ctx.time(), ctx.config.fileIdleTtl());
    FileEntry created =
        newVersion(
            ctx,
            key,
            0,
            target.path(),
            target.device(),
            target.inode(),
            target.kind(),
            creatingWrite ? ctx.subjectNode() : null,
            due);
    ctx.state.schedule(new Expiry(due, key));
    return created;
  }

  /**
   * Character devices that keep nothing a writer puts there and give nothing of it to readers:
   * edges to and from them carry {@link #NO_FLOW}, and a write makes no new version.
   */
  private static final Set<String> SINK_DEVICES =
      Set.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom");

  /** Attribute of an edge along which no information flows (a sink device). */
  static final Map<String, String> NO_FLOW = Map.of("flow", "none");

  /** Whether {@code path} names a device that carries no information between processes. */
  static boolean isSinkDevice(String path) {
    return path != null && SINK_DEVICES.contains(path);
  }

  /** Information flows from the file's current version into the subject. */
  static void read(EventContext ctx, FileEntry entry, Operation operation) {
    if (isSinkDevice(entry.path())) {
      ctx.out.edge(operation, entry.nodeId(), ctx.subjectNode(), null, NO_FLOW);
      return;
    }
    if (!entry.readSinceWrite()) {
      ctx.state.putFile(entry.markRead(ctx.time()));
    }
    ctx.out.edge(operation, entry.nodeId(), ctx.subjectNode(), null);
  }

  /**
   * Information flows from the subject into the file: into the current version when the subject
   * wrote it last and nobody read it since, else into a new version derived from the current one.
   */
  static void write(EventContext ctx, FileEntry entry, Operation operation) {
    writeFrom(ctx, entry, operation, ctx.subjectNode(), null);
  }

  /** Like {@link #write}, with information coming from {@code source} through the subject. */
  static void writeFrom(
      EventContext ctx, FileEntry entry, Operation operation, String source, String actor) {
    String writer = ctx.subjectNode();
    if (isSinkDevice(entry.path())) {
      ctx.out.edge(operation, source, entry.nodeId(), actor, NO_FLOW);
      return;
    }
    if (writer.equals(entry.writerNodeId()) && !entry.readSinceWrite()) {
      ctx.out.edge(operation, source, entry.nodeId(), actor);
      return;
    }
    FileEntry next = derive(ctx, entry, entry.path(), writer);
    ctx.out.edge(operation, source, next.nodeId(), actor);
    ctx.out.edge(operation, entry.nodeId(), next.nodeId(), writer, Map.of("role", "version"));
  }

  /** A new version of the file under {@code newPath} (rename, link): old version to new. */
  static void rename(
      EventContext ctx, FileEntry entry, String oldPath, String newPath, boolean keepOld) {
    FileEntry next = derive(ctx, entry, newPath, null);
    ctx.out.edge(ctx.event.operation(), entry.nodeId(), next.nodeId(), ctx.subjectNode());
    if (!keepOld && oldPath != null && !oldPath.equals(newPath)) {
      ctx.state.deleteAlias(new AliasKey(ctx.host(), oldPath));
    }
    putAlias(ctx, newPath, entry.key().entityId(), entry.device(), entry.inode());
  }

  /**
   * Forgets a name of a file; a file known by path only ends with it, so that a new file created
   * under that name starts a new version chain.
   */
  static void unlink(EventContext ctx, FileEntry entry, String path) {
    if (path == null) {
      return;
    }
    ctx.state.deleteAlias(new AliasKey(ctx.host(), path));
    if (entry.inode() == null && path.equals(entry.path())) {
      ctx.state.deleteFile(entry.key());
    }
  }

  private static FileEntry derive(EventContext ctx, FileEntry entry, String path, String writer) {
    return newVersion(
        ctx,
        entry.key(),
        entry.version() + 1,
        path,
        entry.device(),
        entry.inode(),
        entry.kind(),
        writer,
        entry.expiryDue());
  }

  private static FileEntry newVersion(
      EventContext ctx,
      FileKey key,
      int version,
      String path,
      String device,
      Long inode,
      ObjectKind kind,
      String writer,
      long due) {
    String nodeId = NodeIds.fileVersion(key.entityId(), version, ctx.eventId());
    String name = Texts.bound(path, ctx.config.maxText());
    FileEntry entry =
        new FileEntry(
            key, version, nodeId, name, device, inode, kind, writer, false, ctx.time(), due);
    ctx.state.putFile(entry);
    ctx.out.node(
        new FileNode(
            nodeId,
            key.entityId(),
            ctx.host(),
            version,
            name,
            device,
            inode,
            kind,
            ctx.eventId(),
            ctx.time()));
    return entry;
  }

  private static void putAlias(
      EventContext ctx, String path, String entityId, String device, Long inode) {
    AliasKey key = new AliasKey(ctx.host(), path);
    Optional<AliasEntry> known = ctx.state.alias(key);
    if (known.isPresent() && known.get().entityId().equals(entityId)) {
      touchAlias(ctx, known.get());
      return;
    }
    long due = Times.after(ctx.time(), ctx.config.fileIdleTtl());
    ctx.state.putAlias(new AliasEntry(key, entityId, device, inode, ctx.time(), due));
    ctx.state.schedule(new Expiry(due, key));
  }

  private static AliasEntry touchAlias(EventContext ctx, AliasEntry alias) {
    if (ctx.time() - alias.lastSeenNanos() < ctx.touchGranularityNanos()) {
      return alias;
    }
    AliasEntry touched = alias.withLastSeen(ctx.time());
    ctx.state.putAlias(touched);
    return touched;
  }
}
