package dev.whence.graph.state;

import java.util.Arrays;

/**
 * The recently seen sequences of one boot of one host: a bitmap of the last {@code 64 * words}
 * sequences below the highest one seen. A sequence inside the window is new or a duplicate; one
 * below it cannot be told apart and is reported stale.
 *
 * <p>Immutable. The bitmap is held in chunks of {@value #CHUNK_WORDS} words that windows share:
 * {@link #record} copies only the chunk array and the chunks it changes (usually one), not the
 * whole bitmap.
 */
public final class DedupWindow {

  /** Verdict of the window on one sequence. */
  public enum Verdict {
    NEW,
    DUPLICATE,
    STALE
  }

  private static final long NONE = Long.MIN_VALUE;
  private static final int CHUNK_SHIFT = 3;
  private static final int CHUNK_WORDS = 1 << CHUNK_SHIFT;

  private final DedupKey key;
  private final long highest;
  private final int words;
  private final long[][] chunks;
  private final long lastSeenNanos;
  private final long expiryDue;

  /** A window of {@code key} whose bitmap is a copy of {@code bits}. */
  public DedupWindow(DedupKey key, long highest, long[] bits, long lastSeenNanos, long expiryDue) {
    this(key, highest, lastSeenNanos, expiryDue, bits.length, split(bits));
  }

  /** Takes {@code owned} as its chunks, which nobody may modify afterwards. */
  private DedupWindow(
      DedupKey key, long highest, long lastSeenNanos, long expiryDue, int words, long[][] owned) {
    if (words < 1) {
      throw new IllegalArgumentException("a window needs at least one 64-bit word, got " + words);
    }
    this.key = java.util.Objects.requireNonNull(key, "key");
    this.highest = highest;
    this.words = words;
    this.chunks = owned;
    this.lastSeenNanos = lastSeenNanos;
    this.expiryDue = expiryDue;
  }

  private static long[][] split(long[] bits) {
    long[][] out = zeroChunks(bits.length);
    for (int i = 0; i < bits.length; i++) {
      out[i >>> CHUNK_SHIFT][i & (CHUNK_WORDS - 1)] = bits[i];
    }
    return out;
  }

  private static long[][] zeroChunks(int words) {
    int count = (words + CHUNK_WORDS - 1) >>> CHUNK_SHIFT;
    long[][] out = new long[count][];
    for (int c = 0; c < count; c++) {
      out[c] = new long[Math.min(CHUNK_WORDS, words - (c << CHUNK_SHIFT))];
    }
    return out;
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
    long[] out = new long[words];
    for (int c = 0; c < chunks.length; c++) {
      System.arraycopy(chunks[c], 0, out, c << CHUNK_SHIFT, chunks[c].length);
    }
    return out;
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
    int words = Math.max(1, (size + 63) / 64);
    return new DedupWindow(key, NONE, 0, expiryDue, words, zeroChunks(words));
  }

  /** Number of sequences the window covers. */
  public long size() {
    return 64L * words;
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
    int word = slot >>> 6;
    return (chunks[word >>> CHUNK_SHIFT][word & (CHUNK_WORDS - 1)] & (1L << (slot & 63))) != 0
        ? Verdict.DUPLICATE
        : Verdict.NEW;
  }

  /** This window with {@code sequence} recorded as seen at event time {@code nanos}. */
  public DedupWindow record(long sequence, long nanos) {
    long[][] next;
    long top = highest;
    if (top == NONE || sequence > top) {
      if (top == NONE || sequence - top >= size()) {
        next = zeroChunks(words);
      } else {
        next = chunks.clone();
        for (long s = top + 1; s <= sequence; s++) {
          clear(next, slot(s));
        }
      }
      top = sequence;
    } else {
      next = chunks.clone();
    }
    int slot = slot(sequence);
    int word = slot >>> 6;
    writable(next, word >>> CHUNK_SHIFT)[word & (CHUNK_WORDS - 1)] |= 1L << (slot & 63);
    return new DedupWindow(key, top, Math.max(lastSeenNanos, nanos), expiryDue, words, next);
  }

  private void clear(long[][] next, int slot) {
    int word = slot >>> 6;
    long mask = 1L << (slot & 63);
    long[] chunk = next[word >>> CHUNK_SHIFT];
    if ((chunk[word & (CHUNK_WORDS - 1)] & mask) != 0) {
      writable(next, word >>> CHUNK_SHIFT)[word & (CHUNK_WORDS - 1)] &= ~mask;
    }
  }

  /** Chunk {@code c} of {@code next}, copied first when it is still shared with this window. */
  private long[] writable(long[][] next, int c) {
    if (next[c] == chunks[c]) {
      next[c] = chunks[c].clone();
    }
    return next[c];
  }

  /** This window with another expiry due time. */
  public DedupWindow withExpiryDue(long due) {
    return new DedupWindow(key, highest, lastSeenNanos, due, words, chunks);
  }

  private int slot(long sequence) {
    return (int) Math.floorMod(sequence, size());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DedupWindow w
        && key.equals(w.key)
        && highest == w.highest
        && Arrays.deepEquals(chunks, w.chunks)
        && lastSeenNanos == w.lastSeenNanos
        && expiryDue == w.expiryDue;
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Long.hashCode(highest) + Arrays.deepHashCode(chunks);
  }

  @Override
  public String toString() {
    return "DedupWindow[" + key + ", highest=" + highest + ", size=" + size() + "]";
  }
}
