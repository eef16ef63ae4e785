package dev.whence.graph.identity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes a natural key as the UTF-8 bytes of {@link NaturalKey#of}'s text, straight into a reused
 * buffer, and hashes them into an id: the ids of {@link NodeIds} without the key's builder, its
 * string and its encoded copy. One instance per thread ({@link #start}); a key is finished with
 * {@link #id} before the next starts.
 */
final class NaturalKeyBytes {
  private static final ThreadLocal<NaturalKeyBytes> PER_THREAD =
      ThreadLocal.withInitial(NaturalKeyBytes::new);
  private static final int INITIAL_BYTES = 256;
  private static final int KEPT_BYTES = 64 * 1024;

  private byte[] buffer = new byte[INITIAL_BYTES];
  private int length;

  private NaturalKeyBytes() {}

  /** This thread's writer, emptied, holding the key's type tag (ASCII, as every caller's is). */
  static NaturalKeyBytes start(String type) {
    NaturalKeyBytes key = PER_THREAD.get();
    if (key.buffer.length > KEPT_BYTES) {
      key.buffer = new byte[INITIAL_BYTES]; // one hostile, huge name is not kept for good
    }
    key.length = 0;
    key.ascii(type);
    return key;
  }

  /** Appends a text part (null encoded distinctly), as {@link NaturalKey#appendPart} does. */
  NaturalKeyBytes part(String part) {
    if (part == null) {
      ensure(2);
      buffer[length++] = '|';
      buffer[length++] = '-';
      return this;
    }
    ensure(2);
    buffer[length++] = '|';
    decimal(part.length());
    buffer[length++] = ':';
    if (!asciiIfPossible(part)) {
      // the key's text is encoded whole; a part's surrogates cannot pair across the ASCII '|'
      byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, buffer, length, utf8.length);
      length += utf8.length;
    }
    return this;
  }

  /** Appends a number part, as {@link NaturalKey#appendPart(StringBuilder, long)} does. */
  NaturalKeyBytes part(long part) {
    ensure(2);
    buffer[length++] = '|';
    decimal(NaturalKey.digits(part));
    buffer[length++] = ':';
    decimal(part);
    return this;
  }

  /** The UUID v5 text of the key written, in {@code namespace}. */
  String id(UUID namespace) {
    return Uuid5.of(namespace, buffer, 0, length).toString();
  }

  /** A copy of the bytes written, for tests. */
  byte[] bytes() {
    return Arrays.copyOf(buffer, length);
  }

  private void ascii(String text) {
    if (!asciiIfPossible(text)) {
      throw new IllegalArgumentException("a key's type is ASCII: " + text);
    }
  }

  /** Writes {@code text} when it is ASCII and says so; otherwise writes nothing. */
  private boolean asciiIfPossible(String text) {
    int n = text.length();
    ensure(n);
    byte[] out = buffer;
    int at = length;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      out[at + i] = (byte) c;
    }
    length = at + n;
    return true;
  }

  private void decimal(long value) {
    if (value == Long.MIN_VALUE) {
      for (byte b : Long.toString(value).getBytes(StandardCharsets.US_ASCII)) {
        ensure(1);
        buffer[length++] = b;
      }
      return;
    }
    ensure(20);
    if (value < 0) {
      buffer[length++] = '-';
      value = -value;
    }
    int end = length + NaturalKey.digits(value);
    for (int at = end - 1; at >= length; at--) {
      buffer[at] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length = end;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
