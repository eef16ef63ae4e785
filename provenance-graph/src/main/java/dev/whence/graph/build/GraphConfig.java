package dev.whence.graph.build;

import dev.whence.graph.identity.FlowScopePolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and policies of the builder. Time-to-live values are on event time.
 *
 * @param maxAncestors ancestors kept inline per process
 * @param processIdleTtl how long a process with no events stays known (its exit may be unaudited);
 *     positive, at most {@link #MAX_RETENTION}
 * @param exitedProcessGrace how long an exited process stays known (late events of its threads);
 *     positive, at most {@link #MAX_EXITED_PROCESS_GRACE}
 * @param fileIdleTtl how long the current version of an untouched file and its names stay known;
 *     positive, at most {@link #MAX_RETENTION}
 * @param dedupWindow sequences remembered per host and boot for de-duplication
 * @param dedupIdleTtl how long the de-duplication window of a boot with no events stays known;
 *     positive, at most {@link #MAX_RETENTION}
 * @param touchGranularity last-seen times are written back at most this often per entry
 *     (non-negative)
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

  /**
   * Longest time an idle process, an untouched file or the de-duplication window of an idle boot
   * stays known: a year.
   */
  public static final Duration MAX_RETENTION = Duration.ofDays(365);

  /** Longest time an exited process stays known. */
  public static final Duration MAX_EXITED_PROCESS_GRACE = Duration.ofHours(1);

  /** Validates every bound. */
  public GraphConfig {
    Objects.requireNonNull(flowScope, "flowScope");
    require(maxAncestors >= 0, "maxAncestors must be >= 0, got " + maxAncestors);
    SettingChecks.requirePositiveAtMost("processIdleTtl", processIdleTtl, MAX_RETENTION);
    SettingChecks.requirePositiveAtMost(
        "exitedProcessGrace", exitedProcessGrace, MAX_EXITED_PROCESS_GRACE);
    SettingChecks.requirePositiveAtMost("fileIdleTtl", fileIdleTtl, MAX_RETENTION);
    require(dedupWindow >= 64, "dedupWindow must be >= 64, got " + dedupWindow);
    SettingChecks.requirePositiveAtMost("dedupIdleTtl", dedupIdleTtl, MAX_RETENTION);
    requireNonNegative("touchGranularity", touchGranularity);
    require(maxText >= 16, "maxText must be >= 16, got " + maxText);
    require(maxArgvChars >= 16, "maxArgvChars must be >= 16, got " + maxArgvChars);
  }

  /**
   * Defaults: 16 ancestors, idle processes 12 h, exited 1 min, files 7 d, window 8192 kept 2 d
   * after its boot's last event.
   */
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
    return with(processIdleTtl, exitedProcessGrace, fileIdleTtl, dedupIdleTtl, policy);
  }

  /**
   * This configuration with other retention on event time: idle processes, exited processes and
   * untouched files (each validated like a new record's).
   */
  public GraphConfig withRetention(
      Duration processIdleTtl, Duration exitedProcessGrace, Duration fileIdleTtl) {
    return with(processIdleTtl, exitedProcessGrace, fileIdleTtl, dedupIdleTtl, flowScope);
  }

  /**
   * This configuration with the de-duplication window of a boot with no events forgotten after
   * {@code ttl} of event time (validated like a new record's).
   */
  public GraphConfig withDedupIdleTtl(Duration ttl) {
    return with(processIdleTtl, exitedProcessGrace, fileIdleTtl, ttl, flowScope);
  }

  /** This configuration with the values the withers may change replaced. */
  private GraphConfig with(
      Duration processIdleTtl,
      Duration exitedProcessGrace,
      Duration fileIdleTtl,
      Duration dedupIdleTtl,
      FlowScopePolicy flowScope) {
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

  private static void requireNonNegative(String name, Duration value) {
    require(
        !Objects.requireNonNull(value, name).isNegative(),
        name + " must be non-negative, got " + value);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
