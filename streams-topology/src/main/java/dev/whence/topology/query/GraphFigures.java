package dev.whence.topology.query;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the provenance graph made of one host's events (or of all hosts').
 *
 * @param nodes node records emitted, by kind (each node id is emitted once per entity version,
 *     except flows and sockets, emitted again by every descriptor that reaches them)
 * @param edges edge records emitted, by operation (stitched connections count under ACCEPT)
 * @param rejected events the graph refused (dead-letter stage "graph")
 * @param duplicates events skipped because their id had been applied before
 * @param stitched connections whose two ends were joined (counted on the accepting host)
 * @param unmatched connection ends that found no other end in time
 */
public record GraphFigures(
    Map<String, Long> nodes,
    Map<String, Long> edges,
    long rejected,
    long duplicates,
    long stitched,
    long unmatched) {

  /** Copies the maps, sorted. */
  public GraphFigures {
    nodes = new TreeMap<>(nodes == null ? Map.of() : nodes);
    edges = new TreeMap<>(edges == null ? Map.of() : edges);
  }

  /** Nothing counted. */
  public static GraphFigures empty() {
    return new GraphFigures(Map.of(), Map.of(), 0, 0, 0, 0);
  }

  /** The sum of two figures. */
  public GraphFigures plus(GraphFigures other) {
    if (other == null) {
      return this;
    }
    Map<String, Long> n = new TreeMap<>(nodes);
    other.nodes.forEach((k, v) -> n.merge(k, v, Long::sum));
    Map<String, Long> e = new TreeMap<>(edges);
    other.edges.forEach((k, v) -> e.merge(k, v, Long::sum));
    return new GraphFigures(
        n,
        e,
        rejected + other.rejected,
        duplicates + other.duplicates,
        stitched + other.stitched,
        unmatched + other.unmatched);
  }

  /** Applies one counter of the graph or stitch counter stores. */
  GraphFigures with(String name, long value) {
    Map<String, Long> n = nodes;
    Map<String, Long> e = edges;
    long r = rejected;
    long d = duplicates;
    long s = stitched;
    long u = unmatched;
    if (name.startsWith("nodes.")) {
      n = new TreeMap<>(nodes);
      n.merge(name.substring(6), value, Long::sum);
    } else if (name.startsWith("edges.")) {
      e = new TreeMap<>(edges);
      e.merge(name.substring(6), value, Long::sum);
    } else if (name.equals("rejected")) {
      r += value;
    } else if (name.equals("duplicates")) {
      d += value;
    } else if (name.equals("stitched")) {
      s += value;
    } else if (name.equals("unmatched")) {
      u += value;
    }
    return new GraphFigures(n, e, r, d, s, u);
  }
}
