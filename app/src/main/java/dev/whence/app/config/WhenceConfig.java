package dev.whence.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of a Whence process, valid by construction. Load it with {@link ConfigLoader}
 * (defaults, then an optional file, then flags); every subcommand receives one.
 *
 * @param bootstrapServers Kafka bootstrap servers; empty: start the embedded broker
 * @param brokerPort client port of the embedded broker (0: any free port)
 * @param httpPort port of the HTTP query service (0: any free port)
 * @param dataDir directory of the broker data, the spool and the Streams state by default
 * @param hostId identity of this host in events
 * @param spoolDir directory of the collector's disk spool
 * @param spoolMaxBytes largest size of the spool in bytes
 * @param statusInterval interval between two collector status records
 * @param applicationId Kafka Streams application id of the topology
 * @param stateDir directory of the Kafka Streams state stores
 * @param exactlyOnce whether the topology uses {@code exactly_once_v2}
 * @param graphCacheEntries decoded graph-state entries the topology caches per task (1 to {@link
 *     #MAX_GRAPH_CACHE_ENTRIES})
 * @param incidentWindow largest gap in event time between two connected alerts of one incident
 * @param stitchWindow largest gap in event time between a connect and the accept it is stitched to
 *     (clock skew between hosts included)
 * @param processIdleTtl how long a process with no events stays known (positive, at most {@link
 *     #MAX_RETENTION})
 * @param exitedProcessGrace how long an exited process stays known (positive, at most {@link
 *     #MAX_EXITED_PROCESS_GRACE})
 * @param fileIdleTtl how long an untouched file's current version and names stay known (positive,
 *     at most {@link #MAX_RETENTION})
 * @param graphExpiryInterval stream time between two expiry passes ({@link #MIN_EXPIRY_INTERVAL} to
 *     {@link #MAX_EXPIRY_INTERVAL})
 * @param incidentMaxMembers most alerts and hops kept for incidents (1 to {@link
 *     #MAX_INCIDENT_MEMBERS})
 * @param incidentMaxChain most events in a lateral-movement alert's chain ({@link
 *     #MIN_INCIDENT_CHAIN} to {@link #MAX_INCIDENT_CHAIN})
 */
public record WhenceConfig(
    Optional<String> bootstrapServers,
    int brokerPort,
    int httpPort,
    Path dataDir,
    String hostId,
    Path spoolDir,
    long spoolMaxBytes,
    Duration statusInterval,
    String applicationId,
    Path stateDir,
    boolean exactlyOnce,
    int graphCacheEntries,
    Duration incidentWindow,
    Duration stitchWindow,
    Duration processIdleTtl,
    Duration exitedProcessGrace,
    Duration fileIdleTtl,
    Duration graphExpiryInterval,
    int incidentMaxMembers,
    int incidentMaxChain) {

  /** Largest graph cache per task: each entry holds a decoded process, file or descriptor. */
  public static final int MAX_GRAPH_CACHE_ENTRIES = 10_000_000;

  /** Longest time an idle process or an untouched file stays known: a year. */
  public static final Duration MAX_RETENTION = Duration.ofDays(365);

  /** Longest time an exited process stays known. */
  public static final Duration MAX_EXITED_PROCESS_GRACE = Duration.ofHours(1);

  /** Shortest stream time between two expiry passes over the graph's state. */
  public static final Duration MIN_EXPIRY_INTERVAL = Duration.ofSeconds(1);

  /** Longest stream time between two expiry passes over the graph's state. */
  public static final Duration MAX_EXPIRY_INTERVAL = Duration.ofHours(1);

  /** Most alerts and hops kept for grouping into incidents. */
  public static final int MAX_INCIDENT_MEMBERS = 10_000_000;

  /** Fewest events in a lateral-movement alert's chain: the two ends of one hop. */
  public static final int MIN_INCIDENT_CHAIN = 2;

  /** Most events in a lateral-movement alert's chain. */
  public static final int MAX_INCIDENT_CHAIN = 4096;

  /** Default port of the embedded broker. */
  public static final int DEFAULT_BROKER_PORT = 9092;

  /** Default port of the HTTP query service. */
  public static final int DEFAULT_HTTP_PORT = 7070;

  public WhenceConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(statusInterval, "statusInterval");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(incidentWindow, "incidentWindow");
    Objects.requireNonNull(stitchWindow, "stitchWindow");
    Objects.requireNonNull(processIdleTtl, "processIdleTtl");
    Objects.requireNonNull(exitedProcessGrace, "exitedProcessGrace");
    Objects.requireNonNull(fileIdleTtl, "fileIdleTtl");
    Objects.requireNonNull(graphExpiryInterval, "graphExpiryInterval");
    bootstrapServers.ifPresent(b -> SettingValues.bootstrap(b));
    SettingValues.checkPort(brokerPort);
    SettingValues.checkPort(httpPort);
    SettingValues.hostId(hostId);
    SettingValues.applicationId(applicationId);
    if (spoolMaxBytes <= 0) {
      throw new IllegalArgumentException("spoolMaxBytes must be positive, not " + spoolMaxBytes);
    }
    if (statusInterval.isNegative() || statusInterval.isZero()) {
      throw new IllegalArgumentException("statusInterval must be positive, not " + statusInterval);
    }
    requireWithin("graphCacheEntries", graphCacheEntries, 1, MAX_GRAPH_CACHE_ENTRIES);
    if (incidentWindow.isNegative() || incidentWindow.isZero()) {
      throw new IllegalArgumentException("incidentWindow must be positive, not " + incidentWindow);
    }
    if (stitchWindow.isNegative() || stitchWindow.isZero()) {
      throw new IllegalArgumentException("stitchWindow must be positive, not " + stitchWindow);
    }
    requirePositiveAtMost("processIdleTtl", processIdleTtl, MAX_RETENTION);
    requirePositiveAtMost("exitedProcessGrace", exitedProcessGrace, MAX_EXITED_PROCESS_GRACE);
    requirePositiveAtMost("fileIdleTtl", fileIdleTtl, MAX_RETENTION);
    requireWithin(
        "graphExpiryInterval", graphExpiryInterval, MIN_EXPIRY_INTERVAL, MAX_EXPIRY_INTERVAL);
    requireWithin("incidentMaxMembers", incidentMaxMembers, 1, MAX_INCIDENT_MEMBERS);
    requireWithin("incidentMaxChain", incidentMaxChain, MIN_INCIDENT_CHAIN, MAX_INCIDENT_CHAIN);
  }

  private static void requireWithin(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", not " + value);
    }
  }

  private static void requirePositiveAtMost(String name, Duration value, Duration max) {
    if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be positive and at most " + max + ", not " + value);
    }
  }

  private static void requireWithin(String name, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", not " + value);
    }
  }

  /** Whether this process runs the embedded broker (no bootstrap servers were given). */
  public boolean embeddedBroker() {
    return bootstrapServers.isEmpty();
  }

  /** The directory of the embedded broker's data: {@code <data-dir>/kafka}. */
  public Path brokerDir() {
    return dataDir.resolve("kafka");
  }

  /** A copy that connects to {@code bootstrap} instead of starting the embedded broker. */
  public WhenceConfig withBootstrapServers(String bootstrap) {
    return new WhenceConfig(
        Optional.of(bootstrap),
        brokerPort,
        httpPort,
        dataDir,
        hostId,
        spoolDir,
        spoolMaxBytes,
        statusInterval,
        applicationId,
        stateDir,
        exactlyOnce,
        graphCacheEntries,
        incidentWindow,
        stitchWindow,
        processIdleTtl,
        exitedProcessGrace,
        fileIdleTtl,
        graphExpiryInterval,
        incidentMaxMembers,
        incidentMaxChain);
  }
}
