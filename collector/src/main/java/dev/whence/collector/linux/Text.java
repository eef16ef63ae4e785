package dev.whence.collector.linux;

import java.nio.charset.StandardCharsets;

/** Turns untrusted bytes into valid Java strings. */
public final class Text {

  private Text() {}

  /**
   * Decodes bytes as UTF-8; malformed sequences become U+FFFD, so the result is always a valid
   * string. Control characters and terminal escape sequences are kept as they are.
   */
  public static String decode(byte[] buf, int off, int len) {
    return new String(buf, off, len, StandardCharsets.UTF_8);
  }

  /** Whether {@code len} bytes at {@code off} are well-formed UTF-8 (pure ASCII is). */
  public static boolean isWellFormedUtf8(byte[] buf, int off, int len) {
    int i = off;
    int end = off + len;
    while (i + 8 <= end && (Swar.load(buf, i) & 0x8080808080808080L) == 0) {
      i += 8;
    }
    while (i < end) {
      int b = buf[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      if (b >= 0xc2 && b <= 0xdf) {
        n = 1;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        n = 2;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf4) {
        n = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + n >= end) {
        return false;
      }
      int cp = b & (0x3f >> n);
      for (int k = 1; k <= n; k++) {
        int c = buf[i + k] & 0xff;
        if ((c & 0xc0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (c & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return false;
      }
      i += n + 1;
    }
    return true;
  }
}
