package dev.whence.topology.query;

import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one watched host, as {@code GET /api/stats} shows them.
 *
 * @param host host id
 * @param eventsIn events the topology accepted
 * @param eventsLost audit sequences the collector proved missing (serial gaps)
 * @param kernelLost the kernel's own lost counter, as last reported
 * @param eventsSpooled events the collector has written to its disk spool since it started
 * @param spoolDepth events waiting in the collector's spool now
 * @param rejected inputs sent to the dead-letter topic
 * @param operations accepted events by operation
 * @param collector the collector's last heartbeat, when one was seen
 * @param graph what the provenance graph made of the host's events
 */
public record HostStats(
    String host,
    long eventsIn,
    long eventsLost,
    long kernelLost,
    long eventsSpooled,
    long spoolDepth,
    long rejected,
    Map<String, Long> operations,
    CollectorView collector,
    GraphFigures graph) {

  /** Replaces missing graph figures by empty ones. */
  public HostStats {
    graph = graph == null ? GraphFigures.empty() : graph;
  }

  /** A host with nothing counted yet. */
  public static HostStats empty(String host) {
    return new HostStats(host, 0, 0, 0, 0, 0, 0, Map.of(), null, GraphFigures.empty());
  }

  /** The sum of two partial views of the same host (from two topology instances). */
  public HostStats plus(HostStats other) {
    Map<String, Long> ops = new TreeMap<>(operations);
    other.operations.forEach((op, n) -> ops.merge(op, n, Long::sum));
    return new HostStats(
        host,
        eventsIn + other.eventsIn,
        eventsLost + other.eventsLost,
        kernelLost + other.kernelLost,
        eventsSpooled + other.eventsSpooled,
        spoolDepth + other.spoolDepth,
        rejected + other.rejected,
        ops,
        collector != null ? collector : other.collector,
        graph.plus(other.graph));
  }
}
