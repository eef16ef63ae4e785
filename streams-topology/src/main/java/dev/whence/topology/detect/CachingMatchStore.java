package dev.whence.topology.detect;

import dev.whence.graph.detect.MatchStore;
import dev.whence.graph.detect.PartialMatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded cache of decoded partial matches in front of another {@link MatchStore}, written
 * behind: the latest list of each written key reaches the underlying store at {@link #writeDirty()}
 * (called by the task's store before every commit), before any scan for due keys, or when more than
 * {@code maxDirty} keys are dirty. Keys without matches are cached too. Not thread-safe (one per
 * task).
 */
public final class CachingMatchStore implements MatchStore {

  private final MatchStore store;
  private final Map<String, List<PartialMatch>> cache;
  private final Map<String, List<PartialMatch>> dirty = new HashMap<>();
  private final int maxDirty;

  /** A cache of at most {@code capacity} keys in front of {@code store}. */
  public CachingMatchStore(MatchStore store, int capacity, int maxDirty) {
    if (capacity < 1 || maxDirty < 1) {
      throw new IllegalArgumentException(
          "capacity and maxDirty must be >= 1, got " + capacity + " and " + maxDirty);
    }
    this.store = store;
    this.maxDirty = maxDirty;
    this.cache =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, List<PartialMatch>> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public List<PartialMatch> get(String key) {
    List<PartialMatch> value = cache.get(key);
    if (value == null) {
      value = dirty.get(key);
    }
    if (value == null) {
      value = List.copyOf(store.get(key));
      cache.put(key, value);
    }
    return value;
  }

  @Override
  public void put(String key, List<PartialMatch> matches) {
    List<PartialMatch> value = List.copyOf(matches);
    cache.put(key, value);
    dirty.put(key, value);
    if (dirty.size() > maxDirty) {
      writeDirty();
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
}
