package dev.whence.graph.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable attribute map held as one array of entries in key order: the few attributes of a
 * node or edge without a tree's nodes, and iterated without a view's wrappers.
 */
final class SortedAttributes extends AbstractMap<String, String> {
  private final Map.Entry<String, String>[] entries;

  private SortedAttributes(Map.Entry<String, String>[] entries) {
    this.entries = entries;
  }

  /** The entries of {@code map} in key order; a null key is refused, as a sorted map refuses it. */
  @SuppressWarnings("unchecked")
  static SortedAttributes copyOf(Map<String, String> map) {
    Map.Entry<String, String>[] entries = new Map.Entry[map.size()];
    int n = 0;
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (n == entries.length) {
        throw new IllegalStateException("the map grew while it was copied");
      }
      entries[n++] = new SimpleImmutableEntry<>(requireKey(e.getKey()), e.getValue());
    }
    return sorting(n == entries.length ? entries : Arrays.copyOf(entries, n));
  }

  /**
   * Sorts {@code owned}, entries of distinct non-null names, which nobody may modify afterwards.
   */
  static SortedAttributes sorting(Map.Entry<String, String>[] owned) {
    if (owned.length <= 8) {
      insertionSort(owned);
    } else {
      Arrays.sort(owned, Map.Entry.comparingByKey());
    }
    return new SortedAttributes(owned);
  }

  /** {@code key}, refused when null: a sorted map has no place for a null name. */
  static String requireKey(String key) {
    if (key == null) {
      throw new NullPointerException("an attribute has a null name");
    }
    return key;
  }

  private static void insertionSort(Map.Entry<String, String>[] entries) {
    for (int i = 1; i < entries.length; i++) {
      Map.Entry<String, String> e = entries[i];
      int j = i - 1;
      while (j >= 0 && entries[j].getKey().compareTo(e.getKey()) > 0) {
        entries[j + 1] = entries[j];
        j--;
      }
      entries[j + 1] = e;
    }
  }

  @Override
  public int size() {
    return entries.length;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public String get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : entries[i].getValue();
  }

  private int indexOf(Object key) {
    for (int i = 0; i < entries.length; i++) {
      if (entries[i].getKey().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return entries.length;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < entries.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= entries.length) {
              throw new NoSuchElementException();
            }
            return entries[next++];
          }
        };
      }
    };
  }
}
