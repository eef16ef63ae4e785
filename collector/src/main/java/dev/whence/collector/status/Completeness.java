package dev.whence.collector.status;

import java.util.List;

/**
 * What a {@link CompletenessTracker} knows about the current boot.
 *
 * @param boot boot id, or null before the first sequence
 * @param firstSequence lowest sequence seen in this boot, or null
 * @param highestSequence highest sequence seen in this boot, or null
 * @param missing sequences confirmed missing in this boot (the sum of every confirmed gap)
 * @param recentGaps the most recent confirmed gaps, oldest first (bounded; {@code missing} counts
 *     them all)
 * @param gapCount confirmed gaps in this boot, including those no longer in {@code recentGaps}
 * @param pendingMissing sequences missing in gaps not yet confirmed (they may still arrive)
 * @param observed distinct sequences seen in this boot
 * @param duplicates sequences seen again
 * @param late sequences that arrived too far behind the highest one to be placed
 */
public record Completeness(
    String boot,
    Long firstSequence,
    Long highestSequence,
    long missing,
    List<SequenceRange> recentGaps,
    long gapCount,
    long pendingMissing,
    long observed,
    long duplicates,
    long late) {

  public Completeness {
    recentGaps = List.copyOf(recentGaps);
  }
}
