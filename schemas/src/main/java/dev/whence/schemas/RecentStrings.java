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
 * costing what a plain decode costs. A slot's bytes live in one array shared by all slots, next to
 * their neighbours', and its 64-bit hash is compared before them: a lookup reads a few cache lines
 * of the table instead of following a reference per probed slot to an object and its array.
 *
 * <p>Not thread-safe: one table per thread (a decoder is).
 */
public final class RecentStrings {

  /** Slots looked at from a string's own. */
  private static final int PROBES = 4;

  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final String[] values;
  private final long[] hashes;
  private final int[] lengths;
  private final byte[] bytes;
  private final int maxBytes;
  private final int slotShift;

  /**
   * A table of {@code slots} slots (a power of two, at least 4) keeping strings of at most {@code
   * maxBytes} UTF-8 bytes; it holds {@code slots * maxBytes} bytes.
   */
  public RecentStrings(int slots, int maxBytes) {
    if (slots < PROBES || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two >= 4, got " + slots);
    }
    if (maxBytes < 0 || (long) slots * maxBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "slots * maxBytes must fit one array, got " + slots + " * " + maxBytes);
    }
    this.values = new String[slots];
    this.hashes = new long[slots];
    this.lengths = new int[slots];
    this.bytes = new byte[slots * maxBytes];
    this.maxBytes = maxBytes;
    this.slotShift = Long.SIZE - Integer.numberOfTrailingZeros(slots);
  }

  /** The string of the {@code length} UTF-8 bytes of {@code buf} from {@code offset}. */
  public String get(byte[] buf, int offset, int length) {
    if (length > maxBytes) {
      return new String(buf, offset, length, StandardCharsets.UTF_8);
    }
    long hash = hash(buf, offset, length);
    int home = (int) (hash >>> slotShift);
    int mask = values.length - 1;
    int free = -1;
    for (int i = 0; i < PROBES; i++) {
      int slot = (home + i) & mask;
      String kept = values[slot];
      if (kept == null) {
        free = free < 0 ? slot : free;
      } else if (hashes[slot] == hash && lengths[slot] == length) {
        int at = slot * maxBytes;
        if (Arrays.equals(bytes, at, at + length, buf, offset, offset + length)) {
          return kept;
        }
      }
    }
    String value = new String(buf, offset, length, StandardCharsets.UTF_8);
    int slot = free >= 0 ? free : home;
    System.arraycopy(buf, offset, bytes, slot * maxBytes, length);
    hashes[slot] = hash;
    lengths[slot] = length;
    values[slot] = value;
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
