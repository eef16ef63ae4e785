package dev.whence.graph.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Builds the string attribute maps of nodes and edges, skipping null values. */
final class Attributes {
  private final Map<String, String> map = new LinkedHashMap<>();

  Attributes put(String key, Object value) {
    if (value instanceof List<?> list) {
      if (!list.isEmpty()) {
        StringJoiner joined = new StringJoiner(" ");
        for (Object item : list) {
          joined.add(String.valueOf(item));
        }
        map.put(key, joined.toString());
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
