package dev.whence.topology.graph;

import dev.whence.graph.build.GraphConfig;
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
 */
public record GraphSettings(
    GraphConfig config, int cacheEntries, Duration expiryInterval, Duration stitchWindow) {

  /** Validates the settings. */
  public GraphSettings {
    Objects.requireNonNull(config, "config");
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

  /** Domain defaults, 20 000 cached entries, expiry every 10 s, stitching within 10 s. */
  public static GraphSettings defaults() {
    return new GraphSettings(
        GraphConfig.defaults(), 20_000, Duration.ofSeconds(10), Duration.ofSeconds(10));
  }
}
