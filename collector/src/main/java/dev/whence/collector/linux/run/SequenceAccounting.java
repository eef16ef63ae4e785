package dev.whence.collector.linux.run;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.collector.status.CompletenessTracker;
import dev.whence.collector.status.SequenceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * Tells the {@link CompletenessTracker} of every audit serial the collector read: each event's, and
 * each refused record's when the rejection knows it ({@link RejectedInput#getSequence()}), so that
 * a record sent to the DLQ is not counted as missing. A rejection without a sequence (an empty,
 * torn or damaged line) cannot be placed and stays in the gap it leaves.
 */
final class SequenceAccounting {

  private final CompletenessTracker tracker;
  private final String boot;

  /**
   * @param tracker the collector's tracker
   * @param boot the boot id this collector's events carry
   */
  SequenceAccounting(CompletenessTracker tracker, String boot) {
    this.tracker = tracker;
    this.boot = boot;
  }

  /** An event is about to be published. */
  void delivered(Event event) {
    tracker.observe(event.getBoot(), event.getSequence());
  }

  /** A rejection is about to be published to the DLQ. */
  void refused(RejectedInput rejected) {
    Long sequence = rejected.getSequence();
    if (sequence != null && sequence >= 0) {
      tracker.observeRefused(boot, sequence);
    }
  }

  /**
   * The ranges of {@code from..to} without the serials in {@code present}: what a restart gap
   * really lost when some of its serials were accepted (spooled) by the killed run and are sent
   * later.
   */
  static List<SequenceRange> lostRanges(long from, long to, NavigableSet<Long> present) {
    List<SequenceRange> out = new ArrayList<>();
    long start = from;
    for (long s : present.subSet(from, true, to, true)) {
      if (s > start) {
        out.add(new SequenceRange(start, s - 1));
      }
      start = s + 1;
    }
    if (start <= to) {
      out.add(new SequenceRange(start, to));
    }
    return out;
  }
}
