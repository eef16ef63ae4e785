package dev.whence.collector.linux.normalize;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recently decoded hex-encoded proctitles and their argv: a process that makes many system calls
 * logs the same proctitle each time, and decoding it once saves the hex and UTF-8 decoding of the
 * others. Entries are compared byte for byte, so a hit returns exactly what decoding would. Not
 * thread-safe.
 */
final class ArgvCache {

  /** Longest hex value cached (longer ones are decoded each time). */
  static final int MAX_HEX = 2048;

  private static final int SLOTS = 512;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[][] keys = new byte[SLOTS][];
  private final String[][] values = new String[SLOTS][];

  /** A new mutable list of the argv cached for hex value {@code buf[off, off+len)}, or null. */
  List<String> get(byte[] buf, int off, int len) {
    if (len > MAX_HEX) {
      return null;
    }
    int slot = slot(buf, off, len);
    byte[] key = keys[slot];
    if (key == null || !Arrays.equals(key, 0, key.length, buf, off, off + len)) {
      return null;
    }
    return new ArrayList<>(Arrays.asList(values[slot]));
  }

  /** Remembers {@code argv} as the decoding of hex value {@code buf[off, off+len)}. */
  void put(byte[] buf, int off, int len, List<String> argv) {
    if (len > MAX_HEX) {
      return;
    }
    int slot = slot(buf, off, len);
    values[slot] = argv.toArray(new String[0]);
    keys[slot] = Arrays.copyOfRange(buf, off, off + len);
  }

  private static int slot(byte[] buf, int off, int len) {
    long h = len;
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      h = (h ^ (long) LONGS.get(buf, i)) * 0x9e3779b97f4a7c15L;
    }
    for (; i < end; i++) {
      h = (h ^ buf[i]) * 0x9e3779b97f4a7c15L;
    }
    return (int) (h >>> 55);
  }
}
