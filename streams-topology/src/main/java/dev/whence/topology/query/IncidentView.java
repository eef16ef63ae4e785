package dev.whence.topology.query;

import dev.whence.avro.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An incident as {@code GET /api/incidents} answers it: the alerts sharing one {@code incidentId}
 * (an alert without one is an incident of its own, under its alert id), summarized.
 *
 * @param severity the highest severity among the alerts
 * @param alertIds the alerts, oldest first
 */
public record IncidentView(
    String id,
    int alerts,
    String severity,
    List<String> hosts,
    List<String> rules,
    List<String> techniques,
    long firstSeen,
    long lastSeen,
    List<String> alertIds) {

  /** Copies the lists. */
  public IncidentView {
    hosts = List.copyOf(hosts);
    rules = List.copyOf(rules);
    techniques = List.copyOf(techniques);
    alertIds = List.copyOf(alertIds);
  }

  /** Newest last event first, then by id. */
  public static final Comparator<IncidentView> NEWEST_FIRST =
      Comparator.comparingLong(IncidentView::lastSeen).reversed().thenComparing(IncidentView::id);

  /** The incidents of {@code alerts}, newest first. */
  public static List<IncidentView> of(List<AlertView> alerts) {
    Map<String, List<AlertView>> groups = new LinkedHashMap<>();
    alerts.stream()
        .sorted(Comparator.comparingLong(AlertView::firstSeen).thenComparing(AlertView::id))
        .forEach(
            a ->
                groups
                    .computeIfAbsent(
                        a.incidentId() == null ? a.id() : a.incidentId(), k -> new ArrayList<>())
                    .add(a));
    List<IncidentView> out = new ArrayList<>();
    groups.forEach((id, group) -> out.add(summary(id, group)));
    out.sort(NEWEST_FIRST);
    return out;
  }

  private static IncidentView summary(String id, List<AlertView> group) {
    TreeSet<String> hosts = new TreeSet<>();
    TreeSet<String> rules = new TreeSet<>();
    TreeSet<String> techniques = new TreeSet<>();
    String severity = null;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (AlertView a : group) {
      hosts.add(a.host());
      rules.add(a.rule());
      techniques.addAll(a.techniques());
      if (severity == null || rank(a.severity()) > rank(severity)) {
        severity = a.severity();
      }
      first = Math.min(first, a.firstSeen());
      last = Math.max(last, a.lastSeen());
    }
    return new IncidentView(
        id,
        group.size(),
        severity,
        new ArrayList<>(hosts),
        new ArrayList<>(rules),
        new ArrayList<>(techniques),
        first,
        last,
        group.stream().map(AlertView::id).toList());
  }

  private static int rank(String severity) {
    try {
      return Severity.valueOf(severity).ordinal();
    } catch (IllegalArgumentException | NullPointerException e) {
      return -1;
    }
  }
}
