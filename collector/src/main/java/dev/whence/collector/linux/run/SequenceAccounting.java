package dev.whence.collector.linux.run;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.collector.status.CompletenessTracker;

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
}
