package dev.whence.graph.incident;

import java.util.List;

/**
 * What {@link IncidentCorrelator#expire} dropped.
 *
 * @param alerts ids of alerts no longer correlated
 * @param hops ids of hops no longer correlated
 */
public record ExpiredMembers(List<String> alerts, List<String> hops) {

  /** Copies. */
  public ExpiredMembers {
    alerts = List.copyOf(alerts);
    hops = List.copyOf(hops);
  }

  /** How many members were dropped. */
  public int size() {
    return alerts.size() + hops.size();
  }
}
