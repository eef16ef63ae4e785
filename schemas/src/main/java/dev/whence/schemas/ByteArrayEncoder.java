package dev.whence.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryEncoder;

/**
 * An Avro binary encoder into a growable byte array, reused by one thread for record after record.
 *
 * <p>Strings go through {@link String#getBytes(java.nio.charset.Charset)}, whose intrinsic copy of
 * compact (Latin-1) strings measured 40 % faster on whole events than Avro's char-by-char copy.
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
    byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
    ensure(5L + bytes.length);
    pos += BinaryData.encodeInt(bytes.length, buf, pos);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
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
