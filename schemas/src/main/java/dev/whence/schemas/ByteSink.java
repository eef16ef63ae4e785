package dev.whence.schemas;

import java.io.OutputStream;
import java.util.Arrays;

/** An unsynchronized, reusable in-memory output stream for one thread's encodings. */
final class ByteSink extends OutputStream {

  private static final int INITIAL_CAPACITY = 1024;
  private static final int RETAINED_CAPACITY = 1 << 20;

  private byte[] buffer = new byte[INITIAL_CAPACITY];
  private int count;

  /** Forgets the content; drops a buffer that grew beyond 1 MiB so one huge record is not kept. */
  void reset() {
    count = 0;
    if (buffer.length > RETAINED_CAPACITY) {
      buffer = new byte[INITIAL_CAPACITY];
    }
  }

  @Override
  public void write(int b) {
    ensureCapacity(count + 1);
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    ensureCapacity(count + length);
    System.arraycopy(bytes, offset, buffer, count, length);
    count += length;
  }

  /** A copy of the bytes written since the last reset. */
  byte[] toByteArray() {
    return Arrays.copyOf(buffer, count);
  }

  private void ensureCapacity(int needed) {
    if (needed < 0) {
      throw new IllegalStateException("encoded record exceeds 2 GiB");
    }
    if (needed > buffer.length) {
      int grown =
          Math.max(needed, buffer.length < (1 << 30) ? buffer.length << 1 : Integer.MAX_VALUE - 8);
      buffer = Arrays.copyOf(buffer, grown);
    }
  }
}
