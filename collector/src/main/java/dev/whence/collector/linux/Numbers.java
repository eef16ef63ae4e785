package dev.whence.collector.linux;

/** Allocation-free number parsing over byte ranges. */
public final class Numbers {

  private Numbers() {}

  /** Parses an optionally negative decimal; {@code fallback} when malformed or out of range. */
  public static long parseDecimal(byte[] buf, int off, int len, long fallback) {
    if (len <= 0 || len > 20) {
      return fallback;
    }
    int i = off;
    int end = off + len;
    boolean negative = buf[i] == '-';
    if (negative) {
      i++;
      if (i == end) {
        return fallback;
      }
    }
    long value = 0;
    if (end - i <= 18) {
      for (; i < end; i++) {
        int d = buf[i] - '0';
        if (d < 0 || d > 9) {
          return fallback;
        }
        value = value * 10 + d;
      }
      return negative ? -value : value;
    }
    for (; i < end; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        return fallback;
      }
      if (value > (Long.MAX_VALUE - d) / 10) {
        return fallback;
      }
      value = value * 10 + d;
    }
    return negative ? -value : value;
  }

  /** Parses unsigned hex of up to 16 digits (a 0x prefix allowed); {@code fallback} otherwise. */
  public static long parseHex(byte[] buf, int off, int len, long fallback) {
    if (len > 2 && buf[off] == '0' && (buf[off + 1] == 'x' || buf[off + 1] == 'X')) {
      off += 2;
      len -= 2;
    }
    if (len <= 0 || len > 16) {
      return fallback;
    }
    long value = 0;
    for (int i = off, end = off + len; i < end; i++) {
      int d = Hex.digit(buf[i]);
      if (d < 0) {
        return fallback;
      }
      value = (value << 4) | d;
    }
    return value;
  }
}
