package dev.whence.graph.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the string attribute maps of nodes and edges, skipping null values. */
final class Attributes {
  private final Map<String, String> map = new LinkedHashMap<>();

  Attributes put(String key, Object value) {
    if (value instanceof List<?> list) {
      if (!list.isEmpty()) {
        map.put(key, String.join(" ", list.stream().map(String::valueOf).toList()));
      }
    } else if (value != null) {
      map.put(key, String.valueOf(value));
    }
    return this;
  }

  Map<String, String> build() {
    return AttributeMaps.sorted(map);
  }
}
