package dev.whence.collector.spool;

/**
 * One record read back from a {@link DiskSpool}.
 *
 * @param position the record's position in the spool; positions only grow, also across restarts
 * @param key the key bytes as appended (possibly empty)
 * @param value the value bytes as appended
 */
public record SpoolRecord(long position, byte[] key, byte[] value) {

  /** Bytes this record occupies on disk, header included. */
  public int sizeOnDisk() {
    return DiskSpool.sizeOnDisk(key.length, value.length);
  }
}
