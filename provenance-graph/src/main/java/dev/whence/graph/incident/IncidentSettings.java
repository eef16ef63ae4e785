package dev.whence.graph.incident;

import dev.whence.graph.build.SettingChecks;
import java.time.Duration;

/**
 * Bounds of incident grouping.
 *
 * @param window largest gap in event time between two connected alerts of one incident; also how
 *     long an alert or hop is kept after its last event (positive, at most {@link #MAX_WINDOW})
 * @param maxMembers most alerts and hops kept; the oldest go first beyond it (1 to {@link
 *     #MAX_MEMBERS})
 * @param maxChain most events in a lateral-movement alert's chain ({@link #MIN_CHAIN} to {@link
 *     #MAX_CHAIN})
 */
public record IncidentSettings(Duration window, int maxMembers, int maxChain) {

  /** Longest window of incident grouping: a day. */
  public static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** Most alerts and hops kept for grouping into incidents. */
  public static final int MAX_MEMBERS = 10_000_000;

  /** Fewest events in a lateral-movement alert's chain: the two ends of one hop. */
  public static final int MIN_CHAIN = 2;

  /** Most events in a lateral-movement alert's chain. */
  public static final int MAX_CHAIN = 4096;

  /** Validates. */
  public IncidentSettings {
    SettingChecks.requirePositiveAtMost("window", window, MAX_WINDOW);
    SettingChecks.requireWithin("maxMembers", maxMembers, 1, MAX_MEMBERS);
    SettingChecks.requireWithin("maxChain", maxChain, MIN_CHAIN, MAX_CHAIN);
  }

  /** These bounds grouping alerts whose events are at most {@code window} apart. */
  public IncidentSettings withWindow(Duration window) {
    return new IncidentSettings(window, maxMembers, maxChain);
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
