package dev.whence.schemas;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings read last, by their UTF-8 bytes: a record stream repeats most of its strings (host,
 * executable, working directory, library paths, address families), and handing out the same {@link
 * String} again spares the copy, the allocation and, downstream, each hash code and {@code equals}
 * (the same instance hashes once and compares by reference).
 *
 * <p>A fixed table of slots: a string takes the first free one of the few from the slot its bytes
 * hash to, else replaces that slot's string. Memory stays bounded whatever the input, strings
 * longer than the table's limit are decoded afresh, and strings crafted to collide only miss,
 * costing what a plain decode costs.
 *
 * <p>Safe to share between threads: each kept entry is immutable (its own copy of the bytes) and is
 * published through final fields, so a race between two threads only costs a miss.
 */
public final class RecentStrings {

  /** Slots looked at from a string's own. */
  private static final int PROBES = 4;

  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private record Entry(byte[] bytes, String value) {}

  private final Entry[] entries;
  private final int maxBytes;
  private final int slotShift;

  /**
   * A table of {@code slots} slots (a power of two, at least 4) keeping strings of at most {@code
   * maxBytes} UTF-8 bytes.
   */
  public RecentStrings(int slots, int maxBytes) {
    if (slots < PROBES || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two >= 4, got " + slots);
    }
    this.entries = new Entry[slots];
    this.maxBytes = maxBytes;
    this.slotShift = Long.SIZE - Integer.numberOfTrailingZeros(slots);
  }

  /** The string of the {@code length} UTF-8 bytes of {@code buf} from {@code offset}. */
  public String get(byte[] buf, int offset, int length) {
    if (length > maxBytes) {
      return new String(buf, offset, length, StandardCharsets.UTF_8);
    }
    int home = (int) (hash(buf, offset, length) >>> slotShift);
    int free = -1;
    for (int i = 0; i < PROBES; i++) {
      int slot = (home + i) & (entries.length - 1);
      Entry entry = entries[slot];
      if (entry == null) {
        free = free < 0 ? slot : free;
      } else if (entry.bytes.length == length
          && Arrays.equals(entry.bytes, 0, length, buf, offset, offset + length)) {
        return entry.value;
      }
    }
    String value = new String(buf, offset, length, StandardCharsets.UTF_8);
    entries[free >= 0 ? free : home] =
        new Entry(Arrays.copyOfRange(buf, offset, offset + length), value);
    return value;
  }

  /** Length, first, middle and last eight bytes: cheap, and enough to tell paths apart. */
  private static long hash(byte[] buf, int offset, int length) {
    long h = (length + 1) * MIX;
    if (length >= Long.BYTES) {
      h = (h ^ (long) LONG_LE.get(buf, offset)) * MIX;
      h = (h ^ (long) LONG_LE.get(buf, offset + ((length - Long.BYTES) >>> 1))) * MIX;
      h = (h ^ (long) LONG_LE.get(buf, offset + length - Long.BYTES)) * MIX;
    } else {
      for (int i = 0; i < length; i++) {
        h = (h ^ buf[offset + i]) * MIX;
      }
    }
    return h ^ (h >>> 29);
  }
}
