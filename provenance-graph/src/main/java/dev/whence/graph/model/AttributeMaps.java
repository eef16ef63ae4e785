package dev.whence.graph.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Attribute maps of nodes and edges iterate in their keys' order, so that a node or edge is encoded
 * as the same bytes by every instance and every replay ({@code Map.copyOf}'s order changes from one
 * JVM run to the next).
 */
public final class AttributeMaps {

  private static final Class<?> SORTED_VIEW =
      Collections.unmodifiableSortedMap(new TreeMap<String, String>()).getClass();

  private AttributeMaps() {}

  /**
   * An unmodifiable copy of {@code map} in key order; {@code map} itself when it already is one.
   */
  public static Map<String, String> sorted(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    if (map.getClass() == SORTED_VIEW && ((SortedMap<String, String>) map).comparator() == null) {
      return map;
    }
    return Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }
}
