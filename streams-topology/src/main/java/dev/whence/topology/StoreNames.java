package dev.whence.topology;

/** Names of the topology's state stores, queried by the query service. */
public final class StoreNames {

  private StoreNames() {}

  /** Events accepted per host (key: host id, value: count). */
  public static final String EVENTS_PER_HOST = "events-per-host";

  /** Events accepted per host and operation (key: {@code host|OPERATION}, value: count). */
  public static final String EVENTS_PER_OPERATION = "events-per-operation";

  /** Inputs rejected per host, by the collectors or by the topology (key: host id). */
  public static final String REJECTED_PER_HOST = "rejected-per-host";

  /** Latest collector heartbeat per host (key: host id, value: CollectorStatus). */
  public static final String COLLECTOR_STATUS = "collector-status";

  /** The graph's entries (processes, descriptors, files, names, de-duplication windows). */
  public static final String GRAPH_STATE = "graph-state";

  /**
   * The graph's expiry index, ordered by due time; derived from {@link #GRAPH_STATE}, so it has no
   * changelog and is rebuilt when a task starts.
   */
  public static final String GRAPH_EXPIRY = "graph-expiry";

  /** The graph's counters (key: {@code host|name}, value: count). */
  public static final String GRAPH_COUNTERS = "graph-counters";

  /** Connection halves waiting for their other end (key: {@code port/side/time/eventId}). */
  public static final String CONNECTION_HALVES = "connection-halves";

  /** The stitcher's counters (key: {@code host|name}, value: count). */
  public static final String STITCH_COUNTERS = "stitch-counters";

  /** The detector's partial matches and chains (key: graph node id or name, and due times). */
  public static final String ALERT_MATCHES = "alert-matches";

  /** The rules published on {@code whence.rules}, a global store (key: rule id, RuleSource). */
  public static final String PUBLISHED_RULES = "published-rules";

  /** The incident task's alerts as emitted ({@code a/ID}) and cross-host hops ({@code h/ID}). */
  public static final String INCIDENT_STATE = "incident-state";

  /** The latest version of every alert of {@code whence.alerts} (key: alert id, value: Alert). */
  public static final String ALERTS = "alerts";
}
