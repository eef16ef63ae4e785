package dev.whence.collector.linux;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte scanning eight bytes at a time ("SIMD within a register") over little-endian longs. */
final class Swar {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Swar() {}

  /** The eight bytes at {@code at} (the caller ensures {@code at + 8 <= buf.length}). */
  static long load(byte[] buf, int at) {
    return (long) LONGS.get(buf, at);
  }

  /**
   * High bit set in each byte of {@code word} equal to {@code b}; exact for the lowest such byte.
   */
  static long equalTo(long word, byte b) {
    long x = word ^ (ONES * (b & 0xff));
    return (x - ONES) & ~x & HIGHS;
  }

  /**
   * High bit set in each byte of {@code word} below {@code limit} (at most 0x80) and not above
   * 0x7f; exact for the lowest such byte.
   */
  static long below(long word, int limit) {
    return (word - ONES * limit) & ~word & HIGHS;
  }

  /**
   * Index (0-7) of the lowest byte flagged in a non-zero mask from {@link #equalTo}/{@link #below}.
   */
  static int first(long mask) {
    return Long.numberOfTrailingZeros(mask) >>> 3;
  }

  /** Whether each of the eight bytes of {@code word} is an ASCII hex digit (0-9, a-f, A-F). */
  static boolean allHexDigits(long word) {
    if ((word & HIGHS) != 0) {
      return false;
    }
    long digit = atLeast(word, 0x30) & ~atLeast(word, 0x3a);
    long folded = word | (ONES * 0x20);
    long letter = atLeast(folded, 0x61) & ~atLeast(folded, 0x67);
    return (digit | letter) == HIGHS;
  }

  /** High bit set in each byte that is at least {@code k} (1-0x80); bytes must be below 0x80. */
  private static long atLeast(long word, int k) {
    return (word + ONES * (0x80 - k)) & HIGHS;
  }

  /** Whether any of {@code len} bytes at {@code off} is above 0x7f. */
  static boolean hasNonAscii(byte[] buf, int off, int len) {
    int i = off;
    int end = off + len;
    long acc = 0;
    for (; i + 8 <= end; i += 8) {
      acc |= load(buf, i);
    }
    if ((acc & HIGHS) != 0) {
      return true;
    }
    int tail = 0;
    for (; i < end; i++) {
      tail |= buf[i];
    }
    return tail < 0;
  }
}
