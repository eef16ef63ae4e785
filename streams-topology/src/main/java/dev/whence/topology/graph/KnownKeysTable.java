package dev.whence.topology.graph;

import dev.whence.graph.state.KeyValueTable;
import dev.whence.schemas.LongHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A {@link KeyValueTable} that answers reads of keys the table below cannot hold without reading
 * it. Most reads of the graph's state and of its partial matches that miss their caches are for
 * keys never written (an entity seen for the first time, a node no partial match reached), and each
 * cost a RocksDB lookup.
 *
 * <p>It keeps the hash codes of the keys the table may hold: read by a full scan of the table (the
 * first read's, or any {@link #forEach}, such as the one that rebuilds the graph's expiry index
 * when a task starts), then each key written is added. A key whose hash code is not among them is
 * not in the table; one whose hash code is may be (a shared hash code, or a key deleted since, only
 * costs a read). Deleted keys are not removed, so when the set has doubled since it was read, it is
 * read again. Not thread-safe (one per task).
 */
public final class KnownKeysTable implements KeyValueTable {

  /** Hash codes held before the set is first read again. */
  static final int MIN_REREAD = 1 << 16;

  private final KeyValueTable table;
  private LongHashSet hashes;
  private int rereadAt;
  private long skippedReads;

  /** A table in front of {@code table}, every write to which goes through it. */
  public KnownKeysTable(KeyValueTable table) {
    this.table = table;
  }

  @Override
  public byte[] get(String key) {
    if (!known().contains(key.hashCode())) {
      skippedReads++;
      return null;
    }
    return table.get(key);
  }

  @Override
  public void put(String key, byte[] value) {
    table.put(key, value);
    LongHashSet known = known();
    known.add(key.hashCode());
    if (known.size() >= rereadAt) {
      readKeys();
    }
  }

  @Override
  public void delete(String key) {
    table.delete(key);
  }

  @Override
  public List<byte[]> valuesWithPrefix(String prefix) {
    return table.valuesWithPrefix(prefix);
  }

  @Override
  public List<Map.Entry<String, byte[]>> range(String from, String to, int max) {
    return table.range(from, to, max);
  }

  /** Visits every entry, and reads the set of keys from the visit (a task's start scans anyway). */
  @Override
  public void forEach(BiConsumer<String, byte[]> action) {
    LongHashSet read = new LongHashSet(1024);
    table.forEach(
        (key, value) -> {
          read.add(key.hashCode());
          action.accept(key, value);
        });
    hashes = read;
    rereadAt = Math.max(MIN_REREAD, 2 * read.size());
  }

  /** Reads answered without the table below. */
  public long skippedReads() {
    return skippedReads;
  }

  private LongHashSet known() {
    if (hashes == null) {
      readKeys();
    }
    return hashes;
  }

  /** Reads the set of keys by a visit of every entry that does nothing else. */
  private void readKeys() {
    forEach((key, value) -> {});
  }
}
