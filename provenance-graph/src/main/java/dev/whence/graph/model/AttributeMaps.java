package dev.whence.graph.model;

import java.util.Map;

/**
 * Attribute maps of nodes and edges iterate in their keys' order, so that a node or edge is encoded
 * as the same bytes by every instance and every replay ({@code Map.copyOf}'s order changes from one
 * JVM run to the next).
 */
public final class AttributeMaps {

  private AttributeMaps() {}

  /**
   * An unmodifiable copy of {@code map} in key order; {@code map} itself when it already is one.
   */
  public static Map<String, String> sorted(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    if (map instanceof SortedAttributes) {
      return map;
    }
    return SortedAttributes.copyOf(map);
  }
}
