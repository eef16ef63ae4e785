package dev.whence.graph.model;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds the string attribute maps of nodes and edges, skipping null values: a later value of a
 * name replaces an earlier one, and {@link #build} gives the map in name order ({@link
 * AttributeMaps}).
 */
public final class Attributes {
  @SuppressWarnings("unchecked")
  private Map.Entry<String, String>[] entries = new Map.Entry[4];

  private int size;

  /** Adds {@code value} as text (a list's items joined by spaces), unless it is null or empty. */
  public Attributes put(String key, Object value) {
    if (value instanceof List<?> list) {
      if (!list.isEmpty()) {
        StringJoiner joined = new StringJoiner(" ");
        for (Object item : list) {
          joined.add(String.valueOf(item));
        }
        add(key, joined.toString());
      }
    } else if (value != null) {
      add(key, String.valueOf(value));
    }
    return this;
  }

  private void add(String key, String value) {
    Map.Entry<String, String> entry =
        new SimpleImmutableEntry<>(SortedAttributes.requireKey(key), value);
    for (int i = 0; i < size; i++) {
      if (entries[i].getKey().equals(key)) {
        entries[i] = entry;
        return;
      }
    }
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, 2 * size);
    }
    entries[size++] = entry;
  }

  /** The attributes put so far, in name order. */
  public Map<String, String> build() {
    return size == 0 ? Map.of() : SortedAttributes.sorting(Arrays.copyOf(entries, size));
  }
}
