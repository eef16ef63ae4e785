package dev.whence.app.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The settings of {@link WhenceConfig}. A setting has the same key in a configuration file (YAML or
 * properties) as its long command-line flag without the dashes.
 */
public enum Setting {
  /** Kafka bootstrap servers; empty means the embedded broker. */
  BOOTSTRAP("bootstrap"),
  /** Client port of the embedded broker; 0 means any free port. */
  BROKER_PORT("broker-port"),
  /** Port of the HTTP query service; 0 means any free port. */
  HTTP_PORT("http-port"),
  /** Directory for the broker's data, the spool and the Streams state. */
  DATA_DIR("data-dir"),
  /** Identity of this host in events (the Kafka key of its events). */
  HOST_ID("host-id"),
  /** Directory of the collector's disk spool. */
  SPOOL_DIR("spool-dir"),
  /** Largest size of the spool before the collector stops reading. */
  SPOOL_MAX_BYTES("spool-max-bytes"),
  /** Interval between two collector status records. */
  STATUS_INTERVAL("status-interval"),
  /** Kafka Streams application id of the topology. */
  APPLICATION_ID("application-id"),
  /** Directory of the Kafka Streams state stores. */
  STATE_DIR("state-dir"),
  /** Whether the topology runs with exactly_once_v2. */
  EXACTLY_ONCE("exactly-once"),
  /** Stream threads of the topology instance. */
  STREAM_THREADS("stream-threads"),
  /** Decoded graph-state entries the topology caches per task in front of its stores. */
  GRAPH_CACHE_ENTRIES("graph-cache-entries"),
  /** Largest gap in event time between two connected alerts of one incident. */
  INCIDENT_WINDOW("incident-window"),
  /**
   * Largest gap in event time between a connect on one host and the accept it is stitched to on
   * another (clock skew included).
   */
  STITCH_WINDOW("stitch-window"),
  /** How long, in event time, a process with no events stays known to the graph. */
  PROCESS_IDLE_TTL("process-idle-ttl"),
  /** How long, in event time, an exited process stays in the graph's state. */
  EXITED_PROCESS_GRACE("exited-process-grace"),
  /** How long, in event time, an untouched file's current version and names stay known. */
  FILE_IDLE_TTL("file-idle-ttl"),
  /**
   * How long, in event time, the de-duplication window of a host's boot with no events stays known.
   */
  DEDUP_IDLE_TTL("dedup-idle-ttl"),
  /** Stream time between two expiry passes over the graph's state. */
  GRAPH_EXPIRY_INTERVAL("graph-expiry-interval"),
  /** Most alerts and hops kept for grouping into incidents. */
  INCIDENT_MAX_MEMBERS("incident-max-members"),
  /** Most events in a lateral-movement alert's chain. */
  INCIDENT_MAX_CHAIN("incident-max-chain");

  private final String key;

  Setting(String key) {
    this.key = key;
  }

  /** The key of this setting in a configuration file. */
  public String key() {
    return key;
  }

  /** The usual command-line flag of this setting, e.g. {@code --http-port}. */
  public String flag() {
    return "--" + key;
  }

  /** The setting with this file key, if any. */
  public static Optional<Setting> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }

  /** All keys, comma-separated, for error messages. */
  public static String allKeys() {
    return Arrays.stream(values()).map(Setting::key).collect(Collectors.joining(", "));
  }
}
