package dev.whence.collector.status;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the sequence numbers of one source (the Linux audit serial, consecutive per boot) and
 * finds every gap.
 *
 * <p>A sequence above the highest one opens a gap for the numbers skipped. Sources deliver slightly
 * out of order, so a gap stays <em>open</em>, and a late sequence fills it, until it is confirmed:
 * when the highest sequence has moved more than {@code window} past its end, when {@link
 * #confirmStaleGaps()} finds it was already open at the previous call (the status reporter calls it
 * at every heartbeat), or at {@link #confirmAll()}. A confirmed gap is final: it is logged at WARN
 * with its exact range and counted in {@link Completeness#missing()}. Duplicates are counted and
 * change nothing; a sequence more than {@code window} below the highest is counted as late. A new
 * boot id confirms the open gaps of the old boot and starts over.
 *
 * <p>Pure logic and thread-safe; memory is bounded by the window and the number of recent gaps
 * kept.
 */
public final class CompletenessTracker {

  private static final Logger LOG = LoggerFactory.getLogger(CompletenessTracker.class);

  /** What one observed sequence did to the tracker's state. */
  public enum Observation {
    /** The first sequence of a boot. */
    FIRST,
    /** A sequence extending the seen range upwards or downwards. */
    EXTENDED,
    /** A sequence filling (part of) an open gap. */
    FILLED_GAP,
    /** A sequence seen before. */
    DUPLICATE,
    /** A sequence too far below the highest one to be placed; counted only. */
    LATE
  }

  private final long window;
  private final int maxRecentGaps;
  private final TreeMap<Long, OpenGap> open = new TreeMap<>();
  private final ArrayDeque<SequenceRange> recent = new ArrayDeque<>();
  private String boot;
  private long first;
  private long highest;
  private long missing;
  private long gapCount;
  private long pendingMissing;
  private long observed;
  private long duplicates;
  private long late;

  private static final class OpenGap {
    final long from;
    final long to;
    boolean stale;

    OpenGap(long from, long to, boolean stale) {
      this.from = from;
      this.to = to;
      this.stale = stale;
    }
  }

  /**
   * Creates a tracker.
   *
   * @param window how far behind the highest sequence a sequence may arrive and still be placed
   * @param maxRecentGaps how many confirmed gaps {@link Completeness#recentGaps()} keeps
   */
  public CompletenessTracker(long window, int maxRecentGaps) {
    if (window < 0) {
      throw new IllegalArgumentException("window must be >= 0, got " + window);
    }
    if (maxRecentGaps < 0) {
      throw new IllegalArgumentException("maxRecentGaps must be >= 0, got " + maxRecentGaps);
    }
    this.window = window;
    this.maxRecentGaps = maxRecentGaps;
  }

  /** A tracker with a window of 4096 sequences that keeps the 64 most recent gaps. */
  public CompletenessTracker() {
    this(4096, 64);
  }

  /** Records that the source delivered {@code sequence} in boot {@code bootId}. */
  public synchronized Observation observe(String bootId, long sequence) {
    return place(bootId, sequence, true);
  }

  /**
   * Records that {@code sequence} of boot {@code bootId} was read but refused (sent to the DLQ with
   * its bytes): it is not missing, so it is placed like a delivered one. A refused sequence seen
   * before is not counted as a duplicate: a late record of an event already delivered carries that
   * event's sequence.
   */
  public synchronized Observation observeRefused(String bootId, long sequence) {
    return place(bootId, sequence, false);
  }

  private Observation place(String bootId, long sequence, boolean countDuplicate) {
    Objects.requireNonNull(bootId, "bootId");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
    }
    if (!bootId.equals(boot)) {
      if (boot != null) {
        confirmAllLocked();
        LOG.info(
            "boot changed from {} to {}: sequence tracking restarts ({} sequences were missing in the"
                + " old boot)",
            boot,
            bootId,
            missing);
      }
      reset(bootId, sequence);
      return Observation.FIRST;
    }
    Observation result;
    if (sequence > highest) {
      if (sequence > highest + 1) {
        addOpen(highest + 1, sequence - 1);
      }
      highest = sequence;
      observed++;
      result = Observation.EXTENDED;
    } else if (highest - sequence > window) {
      late++;
      LOG.warn(
          "sequence {} of boot {} arrived {} behind the highest ({}), beyond the window of {}: counted"
              + " as late, not placed",
          sequence,
          boot,
          highest - sequence,
          highest,
          window);
      return Observation.LATE;
    } else if (sequence < first) {
      if (sequence < first - 1) {
        addOpen(sequence + 1, first - 1);
      }
      first = sequence;
      observed++;
      result = Observation.EXTENDED;
    } else {
      result = fill(sequence, countDuplicate);
    }
    confirmBeyondWindow();
    return result;
  }

  /**
   * Records that the source itself knows sequences {@code from..to} of boot {@code bootId} are
   * missing (e.g. produced while no collector was reading): the range is confirmed at once, and an
   * open gap overlapping it is replaced by it. Sequences between it and those seen so far become an
   * open gap.
   */
  public synchronized void reportMissing(String bootId, long from, long to) {
    Objects.requireNonNull(bootId, "bootId");
    SequenceRange range = new SequenceRange(from, to);
    if (!bootId.equals(boot)) {
      if (boot != null) {
        confirmAllLocked();
      }
      reset(bootId, from);
      observed = 0;
      highest = to;
    } else {
      for (OpenGap gap : new ArrayList<>(open.values())) {
        if (gap.to >= from && gap.from <= to) {
          open.remove(gap.from);
          pendingMissing -= gap.to - gap.from + 1;
          if (gap.from < from) {
            addOpen(gap.from, from - 1);
          }
          if (gap.to > to) {
            addOpen(to + 1, gap.to);
          }
        }
      }
      if (to + 1 < first) {
        addOpen(to + 1, first - 1);
      }
      if (from > highest + 1) {
        addOpen(highest + 1, from - 1);
      }
      first = Math.min(first, from);
      highest = Math.max(highest, to);
    }
    pendingMissing += range.size();
    confirm(new OpenGap(from, to, true));
  }

  /**
   * Confirms the open gaps that were already open at the previous call, and marks the others so the
   * next call confirms them if they are still open.
   */
  public synchronized void confirmStaleGaps() {
    for (OpenGap gap : new ArrayList<>(open.values())) {
      if (gap.stale) {
        confirm(gap);
      } else {
        gap.stale = true;
      }
    }
  }

  /** Confirms every open gap, for the end of an input or a shutdown. */
  public synchronized void confirmAll() {
    confirmAllLocked();
  }

  /** The current boot's figures. */
  public synchronized Completeness snapshot() {
    boolean any = boot != null;
    return new Completeness(
        boot,
        any ? first : null,
        any ? highest : null,
        missing,
        new ArrayList<>(recent),
        gapCount,
        pendingMissing,
        observed,
        duplicates,
        late);
  }

  private void reset(String bootId, long sequence) {
    boot = bootId;
    first = sequence;
    highest = sequence;
    open.clear();
    recent.clear();
    missing = 0;
    gapCount = 0;
    pendingMissing = 0;
    observed = 1;
    duplicates = 0;
    late = 0;
  }

  private Observation fill(long sequence, boolean countDuplicate) {
    Map.Entry<Long, OpenGap> entry = open.floorEntry(sequence);
    if (entry == null || entry.getValue().to < sequence) {
      if (countDuplicate) {
        duplicates++;
      }
      return Observation.DUPLICATE;
    }
    OpenGap gap = entry.getValue();
    open.remove(gap.from);
    if (gap.from < sequence) {
      open.put(gap.from, new OpenGap(gap.from, sequence - 1, gap.stale));
    }
    if (sequence < gap.to) {
      open.put(sequence + 1, new OpenGap(sequence + 1, gap.to, gap.stale));
    }
    pendingMissing--;
    observed++;
    return Observation.FILLED_GAP;
  }

  private void addOpen(long from, long to) {
    open.put(from, new OpenGap(from, to, false));
    pendingMissing += to - from + 1;
  }

  private void confirmBeyondWindow() {
    while (!open.isEmpty() && highest - open.firstEntry().getValue().to > window) {
      confirm(open.firstEntry().getValue());
    }
  }

  private void confirmAllLocked() {
    for (OpenGap gap : new ArrayList<>(open.values())) {
      confirm(gap);
    }
  }

  private void confirm(OpenGap gap) {
    open.remove(gap.from);
    SequenceRange range = new SequenceRange(gap.from, gap.to);
    pendingMissing -= range.size();
    missing += range.size();
    gapCount++;
    if (maxRecentGaps > 0) {
      if (recent.size() == maxRecentGaps) {
        recent.removeFirst();
      }
      recent.addLast(range);
    }
    LOG.warn(
        "COMPLETENESS GAP on boot {}: sequences {} are missing ({} records); {} missing in this boot"
            + " so far",
        boot,
        range,
        range.size(),
        missing);
  }
}
