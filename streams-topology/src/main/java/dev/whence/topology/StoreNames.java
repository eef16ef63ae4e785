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
}
