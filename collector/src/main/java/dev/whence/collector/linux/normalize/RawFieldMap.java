package dev.whence.collector.linux.normalize;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The {@code raw} map of one normalized event: keys and values in two arrays, in insertion order,
 * with an open-addressing index, so building it allocates no entry per field. It is a complete
 * {@link Map}; the first change made through the Map interface or its views ({@code put}, {@code
 * remove}, an iterator's remove...) copies it into a {@link HashMap} that serves every later call.
 * Not thread-safe.
 */
final class RawFieldMap extends AbstractMap<String, String> {

  private String[] keys;
  private String[] values;
  private int size;
  private int[] index;
  private Map<String, String> mutable;

  /** An empty map sized for {@code expected} entries. */
  RawFieldMap(int expected) {
    int capacity = Math.max(4, expected);
    keys = new String[capacity];
    values = new String[capacity];
    index = new int[tableSize(capacity)];
  }

  /**
   * A map of exactly the distinct {@code keys} of a {@link RawLayout} (with its index table) and
   * {@code values}, one per key. The two shared arrays are never written: adding a further key
   * copies them first.
   */
  RawFieldMap(String[] keys, int[] index, String[] values) {
    this.keys = keys;
    this.values = values;
    this.index = index;
    this.size = keys.length;
  }

  /** The keys in insertion order, exactly sized (a copy). */
  String[] keysCopy() {
    return Arrays.copyOf(keys, size);
  }

  /** A copy of the index table, valid for {@link #keysCopy()}. */
  int[] indexCopy() {
    return index.clone();
  }

  /** Adds the entry unless {@code key} is present (like {@link Map#putIfAbsent}). */
  void addIfAbsent(String key, String value) {
    if (size == keys.length) {
      if (find(key) < 0) {
        append(key, value);
      }
      return;
    }
    int mask = index.length - 1;
    for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
      int entry = index[slot];
      if (entry == 0) {
        keys[size] = key;
        values[size] = value;
        index[slot] = ++size;
        return;
      }
      String k = keys[entry - 1];
      if (k == key || k.equals(key)) {
        return;
      }
    }
  }

  /** Adds the entry, replacing the value of a present {@code key} (like {@link Map#put}). */
  void addOrReplace(String key, String value) {
    int at = find(key);
    if (at >= 0) {
      values[at] = value;
    } else {
      append(key, value);
    }
  }

  @Override
  public int size() {
    return mutable != null ? mutable.size() : size;
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    if (mutable != null) {
      return mutable.containsKey(key);
    }
    return key instanceof String && find(key) >= 0;
  }

  @Override
  public String get(Object key) {
    if (mutable != null) {
      return mutable.get(key);
    }
    if (!(key instanceof String)) {
      return null;
    }
    int at = find(key);
    return at < 0 ? null : values[at];
  }

  @Override
  public String put(String key, String value) {
    return mutable().put(key, value);
  }

  @Override
  public String remove(Object key) {
    return mutable().remove(key);
  }

  @Override
  public void clear() {
    mutable().clear();
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    if (mutable != null) {
      return mutable.entrySet();
    }
    return new AbstractSet<>() {
      @Override
      public int size() {
        return RawFieldMap.this.size();
      }

      @Override
      public Iterator<Entry<String, String>> iterator() {
        return mutable != null ? mutable.entrySet().iterator() : new Entries();
      }
    };
  }

  private Map<String, String> mutable() {
    if (mutable == null) {
      Map<String, String> copy = new HashMap<>(Math.max(16, (int) (size / 0.75f) + 1));
      for (int i = 0; i < size; i++) {
        copy.put(keys[i], values[i]);
      }
      mutable = copy;
      keys = null;
      values = null;
      index = null;
    }
    return mutable;
  }

  private int find(Object key) {
    int mask = index.length - 1;
    for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
      int entry = index[slot];
      if (entry == 0) {
        return -1;
      }
      String k = keys[entry - 1];
      if (k == key || k.equals(key)) {
        return entry - 1;
      }
    }
  }

  private void append(String key, String value) {
    if (size == keys.length) {
      int capacity = size * 2;
      keys = Arrays.copyOf(keys, capacity);
      values = Arrays.copyOf(values, capacity);
      index = new int[tableSize(capacity)];
      for (int i = 0; i < size; i++) {
        insert(keys[i], i);
      }
    }
    keys[size] = key;
    values[size] = value;
    insert(key, size);
    size++;
  }

  private void insert(String key, int at) {
    int mask = index.length - 1;
    int slot = spread(key.hashCode()) & mask;
    while (index[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    index[slot] = at + 1;
  }

  private static int spread(int h) {
    int x = h * 0x9e3779b9;
    return x ^ (x >>> 16);
  }

  private static int tableSize(int capacity) {
    return Integer.highestOneBit(capacity * 2 - 1) << 1;
  }

  /**
   * Iterates a snapshot of the entries in insertion order; {@link #remove()} removes through the
   * Map (which then becomes a {@link HashMap} copy) and iteration goes on over the snapshot.
   */
  private final class Entries implements Iterator<Entry<String, String>> {
    private final String[] snapshotKeys = keys;
    private final String[] snapshotValues = values;
    private final int snapshotSize = size;
    private int next;
    private int last = -1;

    @Override
    public boolean hasNext() {
      return next < snapshotSize;
    }

    @Override
    public Entry<String, String> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      last = next++;
      return new SimpleImmutableEntry<>(snapshotKeys[last], snapshotValues[last]);
    }

    @Override
    public void remove() {
      if (last < 0) {
        throw new IllegalStateException("next() was not called since the last remove()");
      }
      RawFieldMap.this.remove(snapshotKeys[last]);
      last = -1;
    }
  }
}
