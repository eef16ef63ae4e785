package dev.whence.collector.linux;

/** Hex decoding of audit values (proctitle, names, argv, saddr). */
public final class Hex {

  private static final byte[] DIGITS = new byte[256];

  static {
    java.util.Arrays.fill(DIGITS, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      DIGITS[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      DIGITS[c] = (byte) (c - 'a' + 10);
      DIGITS[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
    }
  }

  private Hex() {}

  /** Value of a hex digit, or -1. */
  public static int digit(byte b) {
    return DIGITS[b & 0xff];
  }

  /** Whether {@code len} bytes at {@code off} are a non-empty, even-length run of hex digits. */
  public static boolean isHex(byte[] buf, int off, int len) {
    if (len == 0 || (len & 1) != 0) {
      return false;
    }
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      if (!Swar.allHexDigits(Swar.load(buf, i))) {
        return false;
      }
    }
    for (; i < end; i++) {
      if (DIGITS[buf[i] & 0xff] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Decodes hex digits; the caller has checked them with {@link #isHex}. */
  public static byte[] decode(byte[] buf, int off, int len) {
    byte[] out = new byte[len >> 1];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          (byte) ((DIGITS[buf[off + 2 * i] & 0xff] << 4) | DIGITS[buf[off + 2 * i + 1] & 0xff]);
    }
    return out;
  }

  /** Decodes hex digits and then the bytes as UTF-8 (malformed input replaced by U+FFFD). */
  public static String decodeToString(byte[] buf, int off, int len) {
    byte[] raw = decode(buf, off, len);
    return Text.decode(raw, 0, raw.length);
  }

  /** Decodes a hex-encoded proctitle or argument list: NUL-separated strings. */
  public static java.util.List<String> decodeNulSeparated(byte[] raw) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i == raw.length || raw[i] == 0) {
        if (i > start || i < raw.length) {
          out.add(Text.decode(raw, start, i - start));
        }
        start = i + 1;
      }
    }
    return out;
  }
}
