package dev.whence.topology.graph;

import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.incident.IncidentSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the topology runs the graph.
 *
 * @param config the domain's bounds and policies
 * @param cacheEntries decoded state entries cached per task in front of the stores
 * @param expiryInterval stream time between two expiry passes
 * @param stitchWindow largest gap in event time between a connect and the accept it is stitched to
 *     (covers clock skew between hosts and the accept backlog)
 * @param incidents how alerts are grouped into incidents
 */
public record GraphSettings(
    GraphConfig config,
    int cacheEntries,
    Duration expiryInterval,
    Duration stitchWindow,
    IncidentSettings incidents) {

  /** Validates the settings. */
  public GraphSettings {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(incidents, "incidents");
    if (cacheEntries < 1) {
      throw new IllegalArgumentException("cacheEntries must be >= 1, got " + cacheEntries);
    }
    if (expiryInterval == null || expiryInterval.toMillis() < 1) {
      throw new IllegalArgumentException("expiryInterval must be >= 1 ms, got " + expiryInterval);
    }
    if (stitchWindow == null || stitchWindow.isNegative()) {
      throw new IllegalArgumentException("stitchWindow must be >= 0, got " + stitchWindow);
    }
  }

  /**
   * Domain defaults, 20 000 cached entries per task, expiry every 10 s, stitching within 10 s,
   * default incident grouping.
   *
   * <p>On the benchmark's replay 5 000 entries per task miss hardly more often than 20 000 and
   * halve the time spent in full collections, but the stream threads then use about as much more
   * CPU: no faster over 5 M events (BENCHMARKS.md). A host with more concurrently active processes
   * than the benchmark's would miss more with the smaller cache.
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
    IncidentSettings grouped =
        new IncidentSettings(window, incidents.maxMembers(), incidents.maxChain());
    return new GraphSettings(config, cacheEntries, expiryInterval, stitchWindow, grouped);
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

  /** These settings with an expiry pass every {@code interval} of stream time. */
  public GraphSettings withExpiryInterval(Duration interval) {
    return new GraphSettings(config, cacheEntries, interval, stitchWindow, incidents);
  }
}
