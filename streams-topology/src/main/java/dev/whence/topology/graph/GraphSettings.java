package dev.whence.topology.graph;

import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.build.SettingChecks;
import dev.whence.graph.incident.IncidentSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the topology runs the graph, valid by construction: each value is checked by the record that
 * holds it (this one, {@link GraphConfig} or {@link IncidentSettings}).
 *
 * @param config the domain's bounds and policies
 * @param cacheEntries decoded state entries cached per task in front of the stores (1 to {@link
 *     #MAX_CACHE_ENTRIES})
 * @param expiryInterval stream time between two expiry passes ({@link #MIN_EXPIRY_INTERVAL} to
 *     {@link #MAX_EXPIRY_INTERVAL})
 * @param stitchWindow largest gap in event time between a connect and the accept it is stitched to
 *     (covers clock skew between hosts and the accept backlog; positive, at most {@link
 *     #MAX_STITCH_WINDOW})
 * @param incidents how alerts are grouped into incidents
 */
public record GraphSettings(
    GraphConfig config,
    int cacheEntries,
    Duration expiryInterval,
    Duration stitchWindow,
    IncidentSettings incidents) {

  /** Largest graph cache per task: each entry holds a decoded process, file or descriptor. */
  public static final int MAX_CACHE_ENTRIES = 10_000_000;

  /** Shortest stream time between two expiry passes over the graph's state. */
  public static final Duration MIN_EXPIRY_INTERVAL = Duration.ofSeconds(1);

  /** Longest stream time between two expiry passes over the graph's state. */
  public static final Duration MAX_EXPIRY_INTERVAL = Duration.ofHours(1);

  /** Longest gap between a connect and the accept it is stitched to: a day. */
  public static final Duration MAX_STITCH_WINDOW = Duration.ofDays(1);

  /** Validates the settings. */
  public GraphSettings {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(incidents, "incidents");
    SettingChecks.requireWithin("cacheEntries", cacheEntries, 1, MAX_CACHE_ENTRIES);
    SettingChecks.requireWithin(
        "expiryInterval", expiryInterval, MIN_EXPIRY_INTERVAL, MAX_EXPIRY_INTERVAL);
    SettingChecks.requirePositiveAtMost("stitchWindow", stitchWindow, MAX_STITCH_WINDOW);
  }

  /**
   * Domain defaults, 20 000 cached entries per task, expiry every 10 s, stitching within 10 s,
   * default incident grouping.
   *
   * <p>On the benchmark's replay 5 000 or 10 000 entries per task halve the time spent in full
   * collections and hold 40-60 MiB less heap, with no change in CPU per event or throughput that
   * this machine's noise lets one see over 5 M events (BENCHMARKS.md). A host with more
   * concurrently active processes than the benchmark's would miss more with a smaller cache, and a
   * miss of a stored entry is a RocksDB read.
   */
  public static GraphSettings defaults() {
    return new GraphSettings(
        GraphConfig.defaults(),
        20_000,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        IncidentSettings.defaults());
  }

  /** These settings with {@code entries} cached entries per task. */
  public GraphSettings withCacheEntries(int entries) {
    return new GraphSettings(config, entries, expiryInterval, stitchWindow, incidents);
  }

  /**
   * These settings with connections stitched when the connect and the accept are at most {@code
   * window} apart in event time (clock skew between the hosts included).
   */
  public GraphSettings withStitchWindow(Duration window) {
    return new GraphSettings(config, cacheEntries, expiryInterval, window, incidents);
  }

  /**
   * These settings with incidents grouping alerts whose events are at most {@code window} apart
   * (and alerts and hops kept that long after their last event).
   */
  public GraphSettings withIncidentWindow(Duration window) {
    return new GraphSettings(
        config, cacheEntries, expiryInterval, stitchWindow, incidents.withWindow(window));
  }

  /**
   * These settings with incidents keeping at most {@code members} alerts and hops (the oldest go
   * first beyond it).
   */
  public GraphSettings withIncidentMaxMembers(int members) {
    return new GraphSettings(
        config, cacheEntries, expiryInterval, stitchWindow, incidents.withMaxMembers(members));
  }

  /** These settings with at most {@code events} events in a lateral-movement alert's chain. */
  public GraphSettings withIncidentMaxChain(int events) {
    return new GraphSettings(
        config, cacheEntries, expiryInterval, stitchWindow, incidents.withMaxChain(events));
  }

  /**
   * These settings with idle processes forgotten after {@code processIdleTtl}, exited ones after
   * {@code exitedProcessGrace} and untouched files after {@code fileIdleTtl}, all in event time.
   */
  public GraphSettings withRetention(
      Duration processIdleTtl, Duration exitedProcessGrace, Duration fileIdleTtl) {
    GraphConfig retained = config.withRetention(processIdleTtl, exitedProcessGrace, fileIdleTtl);
    return new GraphSettings(retained, cacheEntries, expiryInterval, stitchWindow, incidents);
  }

  /**
   * These settings with the de-duplication window of a boot with no events forgotten after {@code
   * ttl} of event time.
   */
  public GraphSettings withDedupIdleTtl(Duration ttl) {
    return new GraphSettings(
        config.withDedupIdleTtl(ttl), cacheEntries, expiryInterval, stitchWindow, incidents);
  }

  /** These settings with an expiry pass every {@code interval} of stream time. */
  public GraphSettings withExpiryInterval(Duration interval) {
    return new GraphSettings(config, cacheEntries, interval, stitchWindow, incidents);
  }
}
