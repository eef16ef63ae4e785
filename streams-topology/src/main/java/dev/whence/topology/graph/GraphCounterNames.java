package dev.whence.topology.graph;

/**
 * Names of the graph's counters in the {@code graph-counters} store (key {@code host|name};
 * task-wide figures such as expiry are under the host {@code *}).
 */
public final class GraphCounterNames {

  private GraphCounterNames() {}

  /** Host part of task-wide counters. */
  public static final String ALL_HOSTS = "*";

  /** Prefix of node records emitted, by kind: {@code nodes.PROCESS}. */
  public static final String NODES = "nodes.";

  /** Prefix of edge records emitted, by operation: {@code edges.EXECUTE}. */
  public static final String EDGES = "edges.";

  /** Events the graph refused (sent to the dead-letter topic with stage "graph"). */
  public static final String REJECTED = "rejected";

  /** Events skipped because their id was applied before. */
  public static final String DUPLICATES = "duplicates";

  /** Prefix of state entries removed by expiry: {@code expired.processes}. */
  public static final String EXPIRED = "expired.";

  /** Connections stitched across (or within) hosts. */
  public static final String STITCHED = "stitched";

  /** Connection halves that found no other end before they expired. */
  public static final String UNMATCHED = "unmatched";

  /** Prefix of the detector's task-wide figures (under {@link #ALL_HOSTS}): detect.started. */
  public static final String DETECTION = "detect.";

  /** Alerts raised (task-wide). */
  public static final String ALERTS = DETECTION + "alertsRaised";

  /** Dead-letter key of refused published rules. */
  public static final String RULES_DLQ_KEY = "whence.rules";
}
