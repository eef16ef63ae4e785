package dev.whence.schemas;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings one decoder read last, by their UTF-8 bytes: a record stream repeats most of its
 * strings (host, executable, working directory, library paths, address families), and handing out
 * the same {@link String} again spares the copy, the allocation and, downstream, each hash code and
 * {@code equals} (the same instance hashes once and compares by reference).
 *
 * <p>A fixed table of {@value #SLOTS} slots, each holding the last string whose bytes hashed there:
 * memory stays bounded whatever the input, and strings crafted to collide only miss, costing what a
 * plain decode costs. Not thread-safe; one decoder, one thread.
 */
final class RecentStrings {

  /** Strings longer than this many bytes are decoded afresh every time. */
  static final int MAX_BYTES = 128;

  private static final int SLOTS = 2048;
  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[][] bytes = new byte[SLOTS][];
  private final String[] strings = new String[SLOTS];

  /** The string of the {@code length} UTF-8 bytes of {@code buf} from {@code offset}. */
  String get(byte[] buf, int offset, int length) {
    if (length > MAX_BYTES) {
      return new String(buf, offset, length, StandardCharsets.UTF_8);
    }
    int slot = hash(buf, offset, length) & (SLOTS - 1);
    byte[] known = bytes[slot];
    if (known != null
        && known.length == length
        && Arrays.equals(known, 0, length, buf, offset, offset + length)) {
      return strings[slot];
    }
    String value = new String(buf, offset, length, StandardCharsets.UTF_8);
    bytes[slot] = Arrays.copyOfRange(buf, offset, offset + length);
    strings[slot] = value;
    return value;
  }

  /** Length, first, middle and last eight bytes: cheap, and enough to tell paths apart. */
  private static int hash(byte[] buf, int offset, int length) {
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
    return (int) (h ^ (h >>> 32));
  }
}
