package dev.whence.schemas;

import java.util.Arrays;

/**
 * A set of longs with open addressing and no boxing; it only grows until {@link #clear()}. Not
 * thread-safe.
 */
public final class LongHashSet {

  private static final long EMPTY = Long.MIN_VALUE;

  private long[] slots;
  private int size;
  private boolean hasEmptyValue;

  /** An empty set sized for {@code expected} values. */
  public LongHashSet(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    slots = new long[capacity];
    Arrays.fill(slots, EMPTY);
  }

  /** How many values it holds. */
  public int size() {
    return size;
  }

  /** Whether it holds {@code value}. */
  public boolean contains(long value) {
    if (value == EMPTY) {
      return hasEmptyValue;
    }
    int mask = slots.length - 1;
    for (int i = index(value, mask); ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == value) {
        return true;
      }
      if (s == EMPTY) {
        return false;
      }
    }
  }

  /** Adds {@code value}. */
  public void add(long value) {
    if (value == EMPTY) {
      if (!hasEmptyValue) {
        hasEmptyValue = true;
        size++;
      }
      return;
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = index(value, mask); ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == value) {
        return;
      }
      if (s == EMPTY) {
        slots[i] = value;
        size++;
        return;
      }
    }
  }

  /** Removes every value. */
  public void clear() {
    Arrays.fill(slots, EMPTY);
    size = 0;
    hasEmptyValue = false;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    Arrays.fill(slots, EMPTY);
    int mask = slots.length - 1;
    for (long v : old) {
      if (v != EMPTY) {
        int i = index(v, mask);
        while (slots[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        slots[i] = v;
      }
    }
  }

  private static int index(long value, int mask) {
    long h = value * 0x9e3779b97f4a7c15L;
    return (int) (h >>> 32) & mask;
  }
}
