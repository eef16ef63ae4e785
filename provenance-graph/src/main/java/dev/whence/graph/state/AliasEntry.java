package dev.whence.graph.state;

/**
 * A name of a file entity: renames and hard links make several names of one entity.
 *
 * @param device device of the entity when it is inode-keyed, else null
 * @param inode inode of the entity when known, else null
 */
public record AliasEntry(
    AliasKey key, String entityId, String device, Long inode, long lastSeenNanos, long expiryDue) {

  /** This entry with another last-seen time. */
  public AliasEntry withLastSeen(long nanos) {
    return new AliasEntry(key, entityId, device, inode, nanos, expiryDue);
  }

  /** This entry with another expiry due time. */
  public AliasEntry withExpiryDue(long due) {
    return new AliasEntry(key, entityId, device, inode, lastSeenNanos, due);
  }
}
