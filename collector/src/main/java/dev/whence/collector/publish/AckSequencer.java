package dev.whence.collector.publish;

import java.util.TreeMap;

/**
 * Turns acknowledgements that arrive in any order into the highest contiguous one: tickets are
 * numbered 0, 1, 2... in input order, each carrying the caller's position.
 */
final class AckSequencer {

  private final TreeMap<Long, Long> ahead = new TreeMap<>();
  private long next;
  private long position;
  private boolean advanced;

  /** Records that ticket {@code ticket}, whose input had {@code position}, is acknowledged. */
  void ack(long ticket, long position) {
    if (ticket < next) {
      return;
    }
    if (ticket > next) {
      ahead.put(ticket, position);
      return;
    }
    this.position = position;
    next++;
    while (!ahead.isEmpty() && ahead.firstKey() == next) {
      this.position = ahead.pollFirstEntry().getValue();
      next++;
    }
    advanced = true;
  }

  /** The first ticket not yet acknowledged. */
  long next() {
    return next;
  }

  /** Whether the contiguous prefix grew since the last call (and resets that flag). */
  boolean takeAdvanced() {
    boolean result = advanced;
    advanced = false;
    return result;
  }

  /** Position of the last ticket of the contiguous prefix. */
  long position() {
    return position;
  }

  /** Tickets acknowledged out of order, waiting for a gap before them to close. */
  int waiting() {
    return ahead.size();
  }
}
