package dev.whence.collector.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.collector.status.CompletenessTracker.Observation;
import org.junit.jupiter.api.Test;

class CompletenessTrackerTest {

  @Test
  void consecutiveSequencesHaveNoGap() {
    var tracker = new CompletenessTracker(10, 5);
    for (long s = 100; s < 200; s++) {
      tracker.observe("boot-a", s);
    }
    tracker.confirmAll();
    Completeness c = tracker.snapshot();
    assertThat(c.boot()).isEqualTo("boot-a");
    assertThat(c.firstSequence()).isEqualTo(100L);
    assertThat(c.highestSequence()).isEqualTo(199L);
    assertThat(c.missing()).isZero();
    assertThat(c.recentGaps()).isEmpty();
    assertThat(c.observed()).isEqualTo(100);
  }

  @Test
  void aGapIsConfirmedOnceTheHighestMovesBeyondTheWindow() {
    var tracker = new CompletenessTracker(3, 5);
    tracker.observe("b", 1);
    tracker.observe("b", 2);
    assertThat(tracker.observe("b", 6)).isEqualTo(Observation.EXTENDED);
    assertThat(tracker.snapshot().missing()).isZero();
    assertThat(tracker.snapshot().pendingMissing()).isEqualTo(3);
    tracker.observe("b", 7);
    tracker.observe("b", 8);
    assertThat(tracker.snapshot().missing()).isZero();
    tracker.observe("b", 9);
    assertThat(tracker.snapshot().missing()).isEqualTo(3);
    assertThat(tracker.snapshot().recentGaps()).containsExactly(new SequenceRange(3, 5));
    assertThat(tracker.snapshot().pendingMissing()).isZero();
  }

  @Test
  void aLateSequenceWithinTheWindowFillsItsGap() {
    var tracker = new CompletenessTracker(10, 5);
    tracker.observe("b", 1);
    tracker.observe("b", 5);
    assertThat(tracker.observe("b", 3)).isEqualTo(Observation.FILLED_GAP);
    assertThat(tracker.observe("b", 3)).isEqualTo(Observation.DUPLICATE);
    tracker.confirmAll();
    assertThat(tracker.snapshot().recentGaps())
        .containsExactly(new SequenceRange(2, 2), new SequenceRange(4, 4));
    assertThat(tracker.snapshot().missing()).isEqualTo(2);
    assertThat(tracker.snapshot().duplicates()).isEqualTo(1);
  }

  @Test
  void aSequenceBeyondTheWindowIsLateAndChangesNothing() {
    var tracker = new CompletenessTracker(3, 5);
    tracker.observe("b", 1);
    tracker.observe("b", 3);
    tracker.observe("b", 10);
    assertThat(tracker.snapshot().recentGaps()).containsExactly(new SequenceRange(2, 2));
    assertThat(tracker.observe("b", 2)).isEqualTo(Observation.LATE);
    assertThat(tracker.snapshot().missing()).isEqualTo(1);
    assertThat(tracker.snapshot().late()).isEqualTo(1);
  }

  @Test
  void staleGapsAreConfirmedAtTheSecondCall() {
    var tracker = new CompletenessTracker(1000, 5);
    tracker.observe("b", 1);
    tracker.observe("b", 10);
    tracker.confirmStaleGaps();
    assertThat(tracker.snapshot().missing()).isZero();
    tracker.observe("b", 4);
    tracker.confirmStaleGaps();
    assertThat(tracker.snapshot().recentGaps())
        .containsExactly(new SequenceRange(2, 3), new SequenceRange(5, 9));
    assertThat(tracker.snapshot().missing()).isEqualTo(7);
  }

  @Test
  void aNewBootStartsOver() {
    var tracker = new CompletenessTracker(10, 5);
    tracker.observe("old", 1);
    tracker.observe("old", 5);
    assertThat(tracker.observe("new", 1000)).isEqualTo(Observation.FIRST);
    tracker.observe("new", 1001);
    Completeness c = tracker.snapshot();
    assertThat(c.boot()).isEqualTo("new");
    assertThat(c.firstSequence()).isEqualTo(1000L);
    assertThat(c.highestSequence()).isEqualTo(1001L);
    assertThat(c.missing()).isZero();
    assertThat(c.recentGaps()).isEmpty();
  }

  @Test
  void keepsOnlyTheMostRecentGapsButCountsThemAll() {
    var tracker = new CompletenessTracker(0, 2);
    for (long s = 0; s < 20; s += 2) {
      tracker.observe("b", s);
    }
    Completeness c = tracker.snapshot();
    assertThat(c.missing()).isEqualTo(9);
    assertThat(c.gapCount()).isEqualTo(9);
    assertThat(c.recentGaps())
        .containsExactly(new SequenceRange(15, 15), new SequenceRange(17, 17));
  }

  @Test
  void beforeAnySequenceTheSnapshotIsEmpty() {
    Completeness c = new CompletenessTracker().snapshot();
    assertThat(c.boot()).isNull();
    assertThat(c.highestSequence()).isNull();
    assertThat(c.missing()).isZero();
  }

  @Test
  void aReportedRangeBeforeTheFirstSequenceIsConfirmedAtOnce() {
    var tracker = new CompletenessTracker(10, 5);
    for (long s = 500; s < 510; s++) {
      tracker.observe("b", s);
    }

    tracker.reportMissing("b", 101, 499);

    Completeness c = tracker.snapshot();
    assertThat(c.missing()).isEqualTo(399);
    assertThat(c.pendingMissing()).isZero();
    assertThat(c.recentGaps()).containsExactly(new SequenceRange(101, 499));
    assertThat(c.firstSequence()).isEqualTo(101L);
    assertThat(c.observed()).isEqualTo(10);
  }

  @Test
  void aReportedRangeReplacesTheOpenGapItCovers() {
    var tracker = new CompletenessTracker(100, 5);
    tracker.observe("b", 10);
    tracker.observe("b", 20);

    tracker.reportMissing("b", 12, 15);
    tracker.confirmAll();

    Completeness c = tracker.snapshot();
    assertThat(c.missing()).isEqualTo(9);
    assertThat(c.recentGaps())
        .containsExactlyInAnyOrder(
            new SequenceRange(12, 15), new SequenceRange(11, 11), new SequenceRange(16, 19));
  }

  @Test
  void aReportedRangeBeforeAnySequenceStartsTheBoot() {
    var tracker = new CompletenessTracker(10, 5);

    tracker.reportMissing("b", 5, 9);
    tracker.observe("b", 10);

    Completeness c = tracker.snapshot();
    assertThat(c.missing()).isEqualTo(5);
    assertThat(c.pendingMissing()).isZero();
    assertThat(c.highestSequence()).isEqualTo(10L);
  }

  @Test
  void aRefusedSequenceFillsItsGapAndIsNeverADuplicate() {
    CompletenessTracker t = new CompletenessTracker(100, 8);
    t.observe("b", 10);
    t.observe("b", 12);
    assertThat(t.observeRefused("b", 11)).isEqualTo(CompletenessTracker.Observation.FILLED_GAP);
    assertThat(t.observeRefused("b", 12)).isEqualTo(CompletenessTracker.Observation.DUPLICATE);
    t.confirmAll();
    assertThat(t.snapshot().missing()).isZero();
    assertThat(t.snapshot().duplicates()).isZero();
    assertThat(t.snapshot().observed()).isEqualTo(3);
  }
}
