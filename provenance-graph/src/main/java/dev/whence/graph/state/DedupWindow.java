package dev.whence.graph.state;

import java.util.Arrays;

/**
 * The recently seen sequences of one boot of one host: a bitmap of the last {@code 64 *
 * bits.length} sequences below the highest one seen. A sequence inside the window is new or a
 * duplicate; one below it cannot be told apart and is reported stale.
 */
public final class DedupWindow {

  /** Verdict of the window on one sequence. */
  public enum Verdict {
    NEW,
    DUPLICATE,
    STALE
  }

  private static final long NONE = Long.MIN_VALUE;

  private final DedupKey key;
  private final long highest;
  private final long[] bits;
  private final long lastSeenNanos;
  private final long expiryDue;

  /** A window of {@code key} whose bitmap is a copy of {@code bits}. */
  public DedupWindow(DedupKey key, long highest, long[] bits, long lastSeenNanos, long expiryDue) {
    this(key, highest, lastSeenNanos, expiryDue, bits.clone());
  }

  /** Takes {@code owned} as its bitmap, which nobody may modify afterwards. */
  private DedupWindow(
      DedupKey key, long highest, long lastSeenNanos, long expiryDue, long[] owned) {
    this.key = java.util.Objects.requireNonNull(key, "key");
    this.highest = highest;
    this.bits = owned;
    this.lastSeenNanos = lastSeenNanos;
    this.expiryDue = expiryDue;
  }

  /** The host and boot whose sequences this window holds. */
  public DedupKey key() {
    return key;
  }

  /** The highest sequence seen, or {@link Long#MIN_VALUE} when none was. */
  public long highest() {
    return highest;
  }

  /** A copy of the bitmap: bit {@code s mod size()} is set when sequence {@code s} was seen. */
  public long[] bits() {
    return bits.clone();
  }

  /** The latest event time seen, in nanoseconds. */
  public long lastSeenNanos() {
    return lastSeenNanos;
  }

  /** When the window is due to expire, in event-time nanoseconds. */
  public long expiryDue() {
    return expiryDue;
  }

  /** An empty window of {@code size} sequences (rounded up to a multiple of 64). */
  public static DedupWindow empty(DedupKey key, int size, long expiryDue) {
    return new DedupWindow(key, NONE, 0, expiryDue, new long[Math.max(1, (size + 63) / 64)]);
  }

  /** Number of sequences the window covers. */
  public long size() {
    return 64L * bits.length;
  }

  /** Whether {@code sequence} is new, a duplicate, or too old to tell. */
  public Verdict check(long sequence) {
    if (highest == NONE || sequence > highest) {
      return Verdict.NEW;
    }
    if (highest - sequence >= size()) {
      return Verdict.STALE;
    }
    int slot = slot(sequence);
    return (bits[slot >>> 6] & (1L << (slot & 63))) != 0 ? Verdict.DUPLICATE : Verdict.NEW;
  }

  /** This window with {@code sequence} recorded as seen at event time {@code nanos}. */
  public DedupWindow record(long sequence, long nanos) {
    long[] next = bits.clone();
    long top = highest;
    if (top == NONE || sequence > top) {
      if (top == NONE || sequence - top >= size()) {
        Arrays.fill(next, 0L);
      } else {
        for (long s = top + 1; s <= sequence; s++) {
          int slot = slot(s);
          next[slot >>> 6] &= ~(1L << (slot & 63));
        }
      }
      top = sequence;
    }
    int slot = slot(sequence);
    next[slot >>> 6] |= 1L << (slot & 63);
    return new DedupWindow(key, top, Math.max(lastSeenNanos, nanos), expiryDue, next);
  }

  /** This window with another expiry due time. */
  public DedupWindow withExpiryDue(long due) {
    return new DedupWindow(key, highest, lastSeenNanos, due, bits);
  }

  private int slot(long sequence) {
    return (int) Math.floorMod(sequence, size());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DedupWindow w
        && key.equals(w.key)
        && highest == w.highest
        && Arrays.equals(bits, w.bits)
        && lastSeenNanos == w.lastSeenNanos
        && expiryDue == w.expiryDue;
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Long.hashCode(highest) + Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return "DedupWindow[" + key + ", highest=" + highest + ", size=" + size() + "]";
  }
}
