package dev.whence.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryEncoder;

/**
 * An Avro binary encoder into a growable byte array, reused by one thread for record after record.
 *
 * <p>Strings of ASCII characters are written straight from the {@link String} into the array,
 * without an intermediate byte array; any other string goes through {@link String#getBytes}.
 */
final class ByteArrayEncoder extends BinaryEncoder {

  private static final int INITIAL_CAPACITY = 1024;
  private static final int RETAINED_CAPACITY = 1 << 20;
  private static final int MAX_VARINT = 10;

  private byte[] buf = new byte[INITIAL_CAPACITY];
  private int pos;

  /** Forgets the content; drops a buffer that grew beyond 1 MiB so one huge record is not kept. */
  void reset() {
    pos = 0;
    if (buf.length > RETAINED_CAPACITY) {
      buf = new byte[INITIAL_CAPACITY];
    }
  }

  /** A copy of the bytes written since the last reset. */
  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  @Override
  public void flush() {}

  @Override
  public int bytesBuffered() {
    return 0;
  }

  @Override
  protected void writeZero() {
    ensure(1);
    buf[pos++] = 0;
  }

  @Override
  public void writeBoolean(boolean b) {
    ensure(1);
    buf[pos++] = (byte) (b ? 1 : 0);
  }

  @Override
  public void writeInt(int n) {
    ensure(5);
    pos += BinaryData.encodeInt(n, buf, pos);
  }

  @Override
  public void writeLong(long n) {
    ensure(MAX_VARINT);
    pos += BinaryData.encodeLong(n, buf, pos);
  }

  @Override
  public void writeFloat(float f) {
    ensure(4);
    pos += BinaryData.encodeFloat(f, buf, pos);
  }

  @Override
  public void writeDouble(double d) {
    ensure(8);
    pos += BinaryData.encodeDouble(d, buf, pos);
  }

  @Override
  public void writeFixed(byte[] bytes, int start, int len) {
    ensure(len);
    System.arraycopy(bytes, start, buf, pos, len);
    pos += len;
  }

  @Override
  public void writeString(String string) {
    int length = string.length();
    ensure(5L + length);
    int start = pos;
    pos += BinaryData.encodeInt(length, buf, pos);
    for (int i = 0; i < length; i++) {
      char c = string.charAt(i);
      if (c >= 0x80) {
        pos = start;
        byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        writeFixed(bytes, 0, bytes.length);
        return;
      }
      buf[pos++] = (byte) c;
    }
  }

  private void ensure(long length) {
    long needed = pos + length;
    if (needed > buf.length) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("encoded record exceeds 2 GiB");
      }
      long grown = Math.max(needed, Math.min(2L * buf.length, Integer.MAX_VALUE - 8));
      buf = Arrays.copyOf(buf, (int) grown);
    }
  }
}
