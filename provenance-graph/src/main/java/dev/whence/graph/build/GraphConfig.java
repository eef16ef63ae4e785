package dev.whence.graph.build;

import dev.whence.graph.identity.FlowScopePolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and policies of the builder. Time-to-live values are on event time.
 *
 * @param maxAncestors ancestors kept inline per process
 * @param processIdleTtl how long a process with no events stays known (its exit may be unaudited)
 * @param exitedProcessGrace how long an exited process stays known (late events of its threads)
 * @param fileIdleTtl how long the current version of an untouched file and its names stay known
 * @param dedupWindow sequences remembered per host and boot for de-duplication
 * @param dedupIdleTtl how long the window of a boot with no events stays known
 * @param touchGranularity last-seen times are written back at most this often per entry
 * @param maxText longest string kept in nodes and ancestry (paths, exe, each argument)
 * @param maxArgvChars longest command line (sum of arguments) kept in nodes and ancestry
 * @param flowScope which hosts share a site, for stitching flows between private addresses
 */
public record GraphConfig(
    int maxAncestors,
    Duration processIdleTtl,
    Duration exitedProcessGrace,
    Duration fileIdleTtl,
    int dedupWindow,
    Duration dedupIdleTtl,
    Duration touchGranularity,
    int maxText,
    int maxArgvChars,
    FlowScopePolicy flowScope) {

  /** Validates every bound. */
  public GraphConfig {
    Objects.requireNonNull(flowScope, "flowScope");
    require(maxAncestors >= 0, "maxAncestors must be >= 0, got " + maxAncestors);
    require(dedupWindow >= 64, "dedupWindow must be >= 64, got " + dedupWindow);
    require(maxText >= 16, "maxText must be >= 16, got " + maxText);
    require(maxArgvChars >= 16, "maxArgvChars must be >= 16, got " + maxArgvChars);
    for (Duration d :
        new Duration[] {
          processIdleTtl, exitedProcessGrace, fileIdleTtl, dedupIdleTtl, touchGranularity
        }) {
      require(d != null && !d.isNegative(), "durations must be non-negative, got " + d);
    }
  }

  /** Defaults: 16 ancestors, idle processes 12 h, exited 1 min, files 7 d, window 8192. */
  public static GraphConfig defaults() {
    return new GraphConfig(
        16,
        Duration.ofHours(12),
        Duration.ofMinutes(1),
        Duration.ofDays(7),
        8192,
        Duration.ofDays(2),
        Duration.ofSeconds(30),
        4096,
        8192,
        FlowScopePolicy.singleSite());
  }

  /** This configuration with another site policy. */
  public GraphConfig withFlowScope(FlowScopePolicy policy) {
    return new GraphConfig(
        maxAncestors,
        processIdleTtl,
        exitedProcessGrace,
        fileIdleTtl,
        dedupWindow,
        dedupIdleTtl,
        touchGranularity,
        maxText,
        maxArgvChars,
        policy);
  }

  /**
   * This configuration with other retention on event time: idle processes, exited processes and
   * untouched files (each validated like the record's other durations).
   */
  public GraphConfig withRetention(
      Duration processIdleTtl, Duration exitedProcessGrace, Duration fileIdleTtl) {
    return new GraphConfig(
        maxAncestors,
        processIdleTtl,
        exitedProcessGrace,
        fileIdleTtl,
        dedupWindow,
        dedupIdleTtl,
        touchGranularity,
        maxText,
        maxArgvChars,
        flowScope);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
