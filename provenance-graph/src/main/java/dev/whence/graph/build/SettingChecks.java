package dev.whence.graph.build;

import java.time.Duration;
import java.util.Objects;

/**
 * Checks of configured values (the graph's, the topology's, the incidents'): each fails with a
 * message naming the value, its bounds and what it was, such as {@code maxChain must be in 2..4096,
 * not 1}. A missing duration fails with a {@link NullPointerException} naming it.
 */
public final class SettingChecks {

  private SettingChecks() {}

  /** Fails unless {@code min <= value <= max}. */
  public static void requireWithin(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", not " + value);
    }
  }

  /** Fails unless {@code value} is present, longer than zero and at most {@code max}. */
  public static void requirePositiveAtMost(String name, Duration value, Duration max) {
    if (Objects.requireNonNull(value, name).isNegative()
        || value.isZero()
        || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be positive and at most " + max + ", not " + value);
    }
  }

  /** Fails unless {@code value} is present and {@code min <= value <= max}. */
  public static void requireWithin(String name, Duration value, Duration min, Duration max) {
    if (Objects.requireNonNull(value, name).compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", not " + value);
    }
  }
}
