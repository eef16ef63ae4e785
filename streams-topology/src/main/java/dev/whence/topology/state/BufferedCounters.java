package dev.whence.topology.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters of one task over a {@link WriteBehindStore}: increments stay in memory and each changed
 * counter is written into the store once, when the store flushes (before every commit). A counter
 * is read from the store the first time it moves. A counter's key is one string, or a group and a
 * name joined by {@link #SEPARATOR}, found without joining them again. Not thread-safe (one per
 * task).
 */
public final class BufferedCounters {

  /** Separator of group (a host) and name in two-part keys. */
  public static final char SEPARATOR = '|';

  /** The group of a two-part key (the group may hold the separator, names never do). */
  public static String groupOf(String key) {
    return key.substring(0, key.lastIndexOf(SEPARATOR));
  }

  /** The name of a two-part key. */
  public static String nameOf(String key) {
    return key.substring(key.lastIndexOf(SEPARATOR) + 1);
  }

  private final WriteBehindStore<Long> store;
  private final Map<String, Counter> values = new HashMap<>();
  private final Map<String, Map<String, Counter>> byGroup = new HashMap<>();
  private final List<Counter> changed = new ArrayList<>();

  /** One counter's value and whether it changed since the last flush. */
  private static final class Counter {
    final String key;
    long value;
    boolean changed;

    Counter(String key, long value) {
      this.key = key;
      this.value = value;
    }
  }

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
    Counter counter = values.get(key);
    if (counter == null) {
      counter = load(key);
    }
    add(counter, delta);
  }

  /** Adds {@code delta} to the counter {@code group|name}. */
  public void add(String group, String name, long delta) {
    if (delta == 0) {
      return;
    }
    Map<String, Counter> names = byGroup.computeIfAbsent(group, g -> new HashMap<>());
    Counter counter = names.get(name);
    if (counter == null) {
      String key = group + SEPARATOR + name;
      counter = values.get(key);
      if (counter == null) {
        counter = load(key);
      }
      names.put(name, counter);
    }
    add(counter, delta);
  }

  private Counter load(String key) {
    Long stored = store.read(key);
    Counter counter = new Counter(key, stored == null ? 0L : stored);
    values.put(key, counter);
    return counter;
  }

  private void add(Counter counter, long delta) {
    counter.value += delta;
    if (!counter.changed) {
      counter.changed = true;
      changed.add(counter);
    }
  }

  /** The current value of {@code key}, written or not. */
  public long get(String key) {
    Counter counter = values.get(key);
    if (counter != null) {
      return counter.value;
    }
    Long stored = store.read(key);
    return stored == null ? 0L : stored;
  }

  /** Writes every changed counter into the store. */
  public void writeChanged() {
    for (Counter counter : changed) {
      store.write(counter.key, counter.value);
      counter.changed = false;
    }
    changed.clear();
  }
}
