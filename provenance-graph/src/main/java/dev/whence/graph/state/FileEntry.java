package dev.whence.graph.state;

import dev.whence.graph.model.ObjectKind;

/**
 * The current version of a file entity and what decides whether the next write needs a new one.
 *
 * @param writerNodeId process node that last wrote (or created) this version, or null
 * @param readSinceWrite whether anyone read this version since its last write
 */
public record FileEntry(
    FileKey key,
    int version,
    String nodeId,
    String path,
    String device,
    Long inode,
    ObjectKind kind,
    String writerNodeId,
    boolean readSinceWrite,
    long lastSeenNanos,
    long expiryDue) {

  /** This entry marked read. */
  public FileEntry markRead(long nanos) {
    return new FileEntry(
        key,
        version,
        nodeId,
        path,
        device,
        inode,
        kind,
        writerNodeId,
        true,
        Math.max(lastSeenNanos, nanos),
        expiryDue);
  }

  /** This entry with another last-seen time. */
  public FileEntry withLastSeen(long nanos) {
    return new FileEntry(
        key,
        version,
        nodeId,
        path,
        device,
        inode,
        kind,
        writerNodeId,
        readSinceWrite,
        nanos,
        expiryDue);
  }

  /** This entry with another expiry due time. */
  public FileEntry withExpiryDue(long due) {
    return new FileEntry(
        key,
        version,
        nodeId,
        path,
        device,
        inode,
        kind,
        writerNodeId,
        readSinceWrite,
        lastSeenNanos,
        due);
  }
}
