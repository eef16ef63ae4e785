package dev.whence.topology.detect;

import dev.whence.graph.detect.MatchStore;
import dev.whence.graph.detect.PartialMatch;
import dev.whence.schemas.LongHashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A bounded cache of decoded partial matches in front of another {@link MatchStore}, written
 * behind: the latest list of each written key reaches the underlying store at {@link #writeDirty()}
 * (called by the task's store before every commit), before any scan for due keys, or when more than
 * {@code maxDirty} keys are dirty. Keys without matches are cached too. Not thread-safe (one per
 * task).
 *
 * <p>Most keys the detector reads hold nothing: an edge's source that no match ever reached, a new
 * process's ancestors. So that such a read does not go to the underlying store, the cache keeps the
 * hash codes of every key the store may hold (read from it when the cache is made, then each key
 * given matches): a key whose hash code is not among them holds nothing. A key whose matches all
 * expired keeps its hash code until the set is read again from the store, which happens when it has
 * doubled since it was last read; a shared hash code only costs a read.
 */
public final class CachingMatchStore implements MatchStore {

  /** Hash codes held before the set is first read again from the store. */
  static final int MIN_REREAD = 1 << 16;

  private final MatchStore store;
  private final Consumer<Consumer<String>> storedKeys;
  private final Map<String, List<PartialMatch>> cache;
  private final Map<String, List<PartialMatch>> dirty = new HashMap<>();
  private final int maxDirty;
  private LongHashSet mayHold;
  private int rereadAt;
  private long skippedReads;

  /**
   * A cache of at most {@code capacity} keys in front of {@code store}, whose keys with matches
   * {@code storedKeys} visits (a full scan of the store).
   */
  public CachingMatchStore(
      MatchStore store, Consumer<Consumer<String>> storedKeys, int capacity, int maxDirty) {
    if (capacity < 1 || maxDirty < 1) {
      throw new IllegalArgumentException(
          "capacity and maxDirty must be >= 1, got " + capacity + " and " + maxDirty);
    }
    this.store = store;
    this.storedKeys = storedKeys;
    this.maxDirty = maxDirty;
    this.cache =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, List<PartialMatch>> eldest) {
            return size() > capacity;
          }
        };
    readKeys();
  }

  @Override
  public List<PartialMatch> get(String key) {
    List<PartialMatch> value = cache.get(key);
    if (value == null) {
      value = dirty.get(key);
    }
    if (value == null) {
      if (mayHold.contains(key.hashCode())) {
        value = List.copyOf(store.get(key));
      } else {
        value = List.of();
        skippedReads++;
      }
      cache.put(key, value);
    }
    return value;
  }

  @Override
  public void put(String key, List<PartialMatch> matches) {
    List<PartialMatch> value = List.copyOf(matches);
    cache.put(key, value);
    dirty.put(key, value);
    if (!value.isEmpty()) {
      mayHold.add(key.hashCode());
    }
    if (dirty.size() > maxDirty) {
      writeDirty();
    }
    if (mayHold.size() >= rereadAt) {
      writeDirty();
      readKeys();
    }
  }

  @Override
  public List<String> keysDueBy(long nanos, int max) {
    writeDirty();
    return store.keysDueBy(nanos, max);
  }

  /** Keys written since the last {@link #writeDirty()}. */
  public int dirtyKeys() {
    return dirty.size();
  }

  /** Reads of keys that the store was known not to hold, answered without reading it. */
  public long skippedReads() {
    return skippedReads;
  }

  /** Writes the latest list of every dirty key to the underlying store, once each. */
  public void writeDirty() {
    for (Map.Entry<String, List<PartialMatch>> e : dirty.entrySet()) {
      store.put(e.getKey(), e.getValue());
    }
    dirty.clear();
  }

  /** Forgets the cache and drops the dirty keys without writing them. */
  public void discard() {
    dirty.clear();
    cache.clear();
  }

  private void readKeys() {
    LongHashSet keys = new LongHashSet(1024);
    storedKeys.accept(k -> keys.add(k.hashCode()));
    mayHold = keys;
    rereadAt = Math.max(MIN_REREAD, 2 * keys.size());
  }
}
