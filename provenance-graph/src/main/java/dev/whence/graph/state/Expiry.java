package dev.whence.graph.state;

import java.util.Comparator;

/**
 * An entry of the expiry index: check {@code key} at event time {@code dueNanos}. Stale index
 * entries (the keyed entry was rescheduled or deleted) are harmless: the check ignores them.
 */
public record Expiry(long dueNanos, StateKey key) implements Comparable<Expiry> {
  private static final Comparator<Expiry> ORDER =
      Comparator.comparingLong(Expiry::dueNanos).thenComparing(e -> e.key().storeKey());

  @Override
  public int compareTo(Expiry other) {
    return ORDER.compare(this, other);
  }
}
