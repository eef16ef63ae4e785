package dev.whence.collector.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the arrival order within the window, the tracker finds exactly the missing sequences.
 */
class CompletenessTrackerPropertiesTest {

  private static final long WINDOW = 16;

  @Property(tries = 300)
  void findsExactlyTheMissingSequences(
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 2000) Integer> seen,
      @ForAll long shuffleSeed,
      @ForAll @IntRange(min = 0, max = 3) int duplicateEvery) {
    TreeSet<Long> distinct = new TreeSet<>();
    seen.forEach(s -> distinct.add((long) s));
    List<Long> arrivals = arrivalsWithinWindow(distinct, new Random(shuffleSeed), duplicateEvery);

    var tracker = new CompletenessTracker(WINDOW, Integer.MAX_VALUE);
    arrivals.forEach(s -> tracker.observe("boot", s));
    tracker.confirmAll();
    Completeness c = tracker.snapshot();

    List<SequenceRange> expected = complement(distinct);
    assertThat(c.recentGaps()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(c.missing()).isEqualTo(expected.stream().mapToLong(SequenceRange::size).sum());
    assertThat(c.firstSequence()).isEqualTo(distinct.first());
    assertThat(c.highestSequence()).isEqualTo(distinct.last());
    assertThat(c.observed()).isEqualTo(distinct.size());
    assertThat(c.duplicates()).isEqualTo(arrivals.size() - distinct.size());
    assertThat(c.late()).isZero();
    assertThat(c.pendingMissing()).isZero();
  }

  @Property(tries = 200)
  void arrivalOrderWithinTheWindowDoesNotMatter(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 1000) Integer> seen,
      @ForAll long seedA,
      @ForAll long seedB) {
    TreeSet<Long> distinct = new TreeSet<>();
    seen.forEach(s -> distinct.add((long) s));
    var a = new CompletenessTracker(WINDOW, Integer.MAX_VALUE);
    var b = new CompletenessTracker(WINDOW, Integer.MAX_VALUE);
    arrivalsWithinWindow(distinct, new Random(seedA), 0).forEach(s -> a.observe("boot", s));
    arrivalsWithinWindow(distinct, new Random(seedB), 2).forEach(s -> b.observe("boot", s));
    a.confirmAll();
    b.confirmAll();
    assertThat(new TreeSet<>(a.snapshot().recentGaps().stream().map(Object::toString).toList()))
        .isEqualTo(
            new TreeSet<>(b.snapshot().recentGaps().stream().map(Object::toString).toList()));
    assertThat(a.snapshot().missing()).isEqualTo(b.snapshot().missing());
  }

  @Property(tries = 100)
  void aNewBootForgetsTheOldOne(
      @ForAll @Size(min = 1, max = 100) List<@IntRange(min = 0, max = 500) Integer> oldBoot,
      @ForAll @Size(min = 1, max = 100) List<@IntRange(min = 0, max = 500) Integer> newBoot) {
    var tracker = new CompletenessTracker(WINDOW, Integer.MAX_VALUE);
    var fresh = new CompletenessTracker(WINDOW, Integer.MAX_VALUE);
    oldBoot.forEach(s -> tracker.observe("old", s));
    newBoot.forEach(s -> tracker.observe("new", s));
    newBoot.forEach(s -> fresh.observe("new", s));
    assertThat(tracker.snapshot()).isEqualTo(fresh.snapshot());
  }

  /** The sequences in an order where each arrives at most WINDOW below the highest before it. */
  private static List<Long> arrivalsWithinWindow(
      TreeSet<Long> distinct, Random random, int duplicateEvery) {
    TreeMap<Long, List<Long>> buckets = new TreeMap<>();
    for (long s : distinct) {
      buckets.computeIfAbsent(s / WINDOW, k -> new ArrayList<>()).add(s);
      if (duplicateEvery > 0 && s % (duplicateEvery + 1) == 0) {
        buckets.get(s / WINDOW).add(s);
      }
    }
    List<Long> out = new ArrayList<>();
    for (List<Long> bucket : buckets.values()) {
      Collections.shuffle(bucket, random);
      out.addAll(bucket);
    }
    return out;
  }

  private static List<SequenceRange> complement(TreeSet<Long> distinct) {
    List<SequenceRange> gaps = new ArrayList<>();
    Long previous = null;
    for (long s : distinct) {
      if (previous != null && s > previous + 1) {
        gaps.add(new SequenceRange(previous + 1, s - 1));
      }
      previous = s;
    }
    return gaps;
  }
}
