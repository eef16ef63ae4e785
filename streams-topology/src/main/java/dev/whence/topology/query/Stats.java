package dev.whence.topology.query;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of {@code GET /api/stats}: totals over every host, and each host's figures.
 *
 * @param eventsIn events accepted by the topology
 * @param eventsLost audit sequences proved missing by the collectors
 * @param kernelLost sum of the kernels' lost counters
 * @param eventsSpooled events written to collectors' disk spools
 * @param rejected inputs sent to the dead-letter topic
 * @param alerts alerts raised
 * @param graph what the provenance graph made of every host's events
 * @param expired graph state entries removed by expiry, by table (processes, descriptors, files,
 *     aliases, dedupWindows)
 * @param hosts per-host figures, by host id
 * @param detection the detectors' running totals since their tasks started (started, advanced,
 *     alertsRaised, alertsGrown, suppressed, expired, capDropped)
 */
public record Stats(
    long eventsIn,
    long eventsLost,
    long kernelLost,
    long eventsSpooled,
    long rejected,
    long alerts,
    GraphFigures graph,
    Map<String, Long> expired,
    List<HostStats> hosts,
    Map<String, Long> detection) {

  /** Copies the expiry and detection figures, sorted. */
  public Stats {
    expired = new TreeMap<>(expired == null ? Map.of() : expired);
    detection = new TreeMap<>(detection == null ? Map.of() : detection);
  }

  /** Totals over these hosts (partial views of one host are merged first), no detection figures. */
  public static Stats of(Collection<HostStats> partials, Map<String, Long> expired, long alerts) {
    return of(partials, expired, alerts, Map.of());
  }

  /** Totals over these hosts (partial views of one host are merged first). */
  public static Stats of(
      Collection<HostStats> partials,
      Map<String, Long> expired,
      long alerts,
      Map<String, Long> detection) {
    Map<String, HostStats> byHost = new TreeMap<>();
    for (HostStats h : partials) {
      byHost.merge(h.host(), h, HostStats::plus);
    }
    List<HostStats> hosts = List.copyOf(byHost.values());
    return new Stats(
        hosts.stream().mapToLong(HostStats::eventsIn).sum(),
        hosts.stream().mapToLong(HostStats::eventsLost).sum(),
        hosts.stream().mapToLong(HostStats::kernelLost).sum(),
        hosts.stream().mapToLong(HostStats::eventsSpooled).sum(),
        hosts.stream().mapToLong(HostStats::rejected).sum(),
        alerts,
        hosts.stream().map(HostStats::graph).reduce(GraphFigures.empty(), GraphFigures::plus),
        expired,
        hosts,
        detection);
  }
}
