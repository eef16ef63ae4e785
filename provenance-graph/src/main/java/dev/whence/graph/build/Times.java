package dev.whence.graph.build;

import java.time.Duration;

/** Event-time arithmetic that saturates instead of overflowing on hostile timestamps. */
final class Times {
  private Times() {}

  static long after(long nanos, Duration duration) {
    long d = duration.toNanos();
    long sum = nanos + d;
    return ((nanos ^ sum) & (d ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
