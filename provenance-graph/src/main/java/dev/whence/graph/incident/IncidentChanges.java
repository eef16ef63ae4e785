package dev.whence.graph.incident;

import dev.whence.graph.detect.AlertUpdate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one input changed.
 *
 * @param incidents incident id of each alert to (re-)emit: the alert given, and every other alert
 *     whose incident changed (merged into another), by alert id in a stable order
 * @param raised lateral-movement alerts that are new or grew (their incident is in {@code
 *     incidents})
 */
public record IncidentChanges(Map<String, String> incidents, List<AlertUpdate> raised) {

  /** Copies. */
  public IncidentChanges {
    incidents = Collections.unmodifiableMap(new TreeMap<>(incidents));
    raised = List.copyOf(raised);
  }

  /** No change. */
  public static IncidentChanges none() {
    return new IncidentChanges(Map.of(), List.of());
  }
}
