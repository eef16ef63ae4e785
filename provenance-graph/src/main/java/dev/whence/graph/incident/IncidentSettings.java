package dev.whence.graph.incident;

import java.time.Duration;

/**
 * Bounds of incident grouping.
 *
 * @param window largest gap in event time between two connected alerts of one incident; also how
 *     long an alert or hop is kept after its last event
 * @param maxMembers most alerts and hops kept; the oldest go first beyond it
 * @param maxChain most events in a lateral-movement alert's chain
 */
public record IncidentSettings(Duration window, int maxMembers, int maxChain) {

  /** Validates. */
  public IncidentSettings {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, got " + window);
    }
    if (maxMembers < 1) {
      throw new IllegalArgumentException("maxMembers must be positive, got " + maxMembers);
    }
    if (maxChain < 2) {
      throw new IllegalArgumentException("maxChain must be at least 2, got " + maxChain);
    }
  }

  /** These bounds keeping at most {@code members} alerts and hops. */
  public IncidentSettings withMaxMembers(int members) {
    return new IncidentSettings(window, members, maxChain);
  }

  /** These bounds with at most {@code events} events in a lateral-movement alert's chain. */
  public IncidentSettings withMaxChain(int events) {
    return new IncidentSettings(window, maxMembers, events);
  }

  /** Ten minutes, 20 000 members, 64 chain events. */
  public static IncidentSettings defaults() {
    return new IncidentSettings(Duration.ofMinutes(10), 20_000, 64);
  }
}
