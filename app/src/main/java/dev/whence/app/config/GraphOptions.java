package dev.whence.app.config;

import dev.whence.graph.build.GraphConfig;
import dev.whence.topology.graph.GraphSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the graph topology in a {@link WhenceConfig}, valid by construction: its cache,
 * its windows, how long idle state stays known and how large incidents grow.
 *
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
public record GraphOptions(
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

  public GraphOptions {
    requireWithin("graphCacheEntries", graphCacheEntries, 1, MAX_GRAPH_CACHE_ENTRIES);
    requirePositive("incidentWindow", incidentWindow);
    requirePositive("stitchWindow", stitchWindow);
    requirePositiveAtMost("processIdleTtl", processIdleTtl, MAX_RETENTION);
    requirePositiveAtMost("exitedProcessGrace", exitedProcessGrace, MAX_EXITED_PROCESS_GRACE);
    requirePositiveAtMost("fileIdleTtl", fileIdleTtl, MAX_RETENTION);
    requireWithin(
        "graphExpiryInterval", graphExpiryInterval, MIN_EXPIRY_INTERVAL, MAX_EXPIRY_INTERVAL);
    requireWithin("incidentMaxMembers", incidentMaxMembers, 1, MAX_INCIDENT_MEMBERS);
    requireWithin("incidentMaxChain", incidentMaxChain, MIN_INCIDENT_CHAIN, MAX_INCIDENT_CHAIN);
  }

  /** The options the graph topology runs with when none is set: those of {@link GraphSettings}. */
  public static GraphOptions defaults() {
    GraphSettings settings = GraphSettings.defaults();
    GraphConfig config = settings.config();
    return new GraphOptions(
        settings.cacheEntries(),
        settings.incidents().window(),
        settings.stitchWindow(),
        config.processIdleTtl(),
        config.exitedProcessGrace(),
        config.fileIdleTtl(),
        settings.expiryInterval(),
        settings.incidents().maxMembers(),
        settings.incidents().maxChain());
  }

  private static void requireWithin(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", not " + value);
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }

  private static void requirePositiveAtMost(String name, Duration value, Duration max) {
    if (Objects.requireNonNull(value, name).isNegative()
        || value.isZero()
        || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be positive and at most " + max + ", not " + value);
    }
  }

  private static void requireWithin(String name, Duration value, Duration min, Duration max) {
    if (Objects.requireNonNull(value, name).compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", not " + value);
    }
  }
}
