package dev.whence.topology.state;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counters of one task over a {@link WriteBehindStore}: increments stay in memory and each changed
 * counter is written into the store once, when the store flushes (before every commit). A counter
 * is read from the store the first time it moves. Not thread-safe (one per task).
 */
public final class BufferedCounters {

  private final WriteBehindStore<Long> store;
  private final Map<String, long[]> values = new HashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();

  /** Counters over {@code store}, written into it at each of its flushes. */
  public BufferedCounters(WriteBehindStore<Long> store) {
    this.store = store;
    store.beforeFlush(this::writeChanged);
  }

  /** Adds {@code delta} to the counter {@code key}. */
  public void add(String key, long delta) {
    if (delta == 0) {
      return;
    }
    long[] value = values.get(key);
    if (value == null) {
      Long stored = store.read(key);
      value = new long[] {stored == null ? 0L : stored};
      values.put(key, value);
    }
    value[0] += delta;
    changed.add(key);
  }

  /** The current value of {@code key}, written or not. */
  public long get(String key) {
    long[] value = values.get(key);
    if (value != null) {
      return value[0];
    }
    Long stored = store.read(key);
    return stored == null ? 0L : stored;
  }

  /** Writes every changed counter into the store. */
  public void writeChanged() {
    for (String key : changed) {
      store.write(key, values.get(key)[0]);
    }
    changed.clear();
  }
}
