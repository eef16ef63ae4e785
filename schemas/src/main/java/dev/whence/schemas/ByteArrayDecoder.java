package dev.whence.schemas;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.InvalidNumberEncodingException;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over one byte array, reused by one thread for record after record.
 *
 * <p>It reads strings straight from the input into {@link String}s (one copy, no intermediate
 * {@link Utf8}). Before it allocates anything it checks each string, bytes and fixed length and
 * each map entry count against the bytes that remain (Avro's readers do the same for array counts
 * through {@link #remainingBytes()}), then against Avro's {@code org.apache.avro.limits.*} limits.
 * It is stricter than Avro's own decoder in one point: a boolean byte must be 0 or 1. Short strings
 * that repeat are handed out as one instance ({@link RecentStrings}).
 */
final class ByteArrayDecoder extends Decoder {

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final byte[] NOTHING = new byte[0];

  /** Slots of the table of recent strings. */
  private static final int SHARED_STRING_SLOTS = 2048;

  /** Strings longer than this many bytes are decoded afresh every time. */
  private static final int SHARED_STRING_MAX_BYTES = 128;

  private byte[] buf = NOTHING;
  private int pos;
  private int limit;
  private long collectionCount;
  private RecentStrings recent;

  /** Points the decoder at {@code length} bytes of {@code bytes} from {@code offset}. */
  ByteArrayDecoder reset(byte[] bytes, int offset, int length) {
    this.buf = bytes;
    this.pos = offset;
    this.limit = offset + length;
    this.collectionCount = 0;
    return this;
  }

  /** Drops the reference to the last input so that it can be collected. */
  void release() {
    this.buf = NOTHING;
    this.pos = 0;
    this.limit = 0;
  }

  @Override
  public int remainingBytes() {
    return limit - pos;
  }

  @Override
  public void readNull() {}

  @Override
  public boolean readBoolean() throws IOException {
    require(1);
    int b = buf[pos++];
    if (b == 0) {
      return false;
    }
    if (b == 1) {
      return true;
    }
    throw new AvroRuntimeException("Malformed data. Boolean byte is " + (b & 0xff));
  }

  @Override
  public int readInt() throws IOException {
    int n = 0;
    int shift = 0;
    while (true) {
      if (pos >= limit) {
        throw new EOFException("int ends early");
      }
      int b = buf[pos++] & 0xff;
      n |= (b & 0x7f) << shift;
      if (b < 0x80) {
        break;
      }
      shift += 7;
      if (shift > 28) {
        throw new InvalidNumberEncodingException("Invalid int encoding");
      }
    }
    return (n >>> 1) ^ -(n & 1);
  }

  @Override
  public long readLong() throws IOException {
    long n = 0;
    int shift = 0;
    while (true) {
      if (pos >= limit) {
        throw new EOFException("long ends early");
      }
      int b = buf[pos++] & 0xff;
      n |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        break;
      }
      shift += 7;
      if (shift > 63) {
        throw new InvalidNumberEncodingException("Invalid long encoding");
      }
    }
    return (n >>> 1) ^ -(n & 1);
  }

  @Override
  public float readFloat() throws IOException {
    require(4);
    int bits = (int) INT_LE.get(buf, pos);
    pos += 4;
    return Float.intBitsToFloat(bits);
  }

  @Override
  public double readDouble() throws IOException {
    require(8);
    long bits = (long) LONG_LE.get(buf, pos);
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  /**
   * Reads a string; a short one that this decoder read recently is returned as the same instance
   * ({@link RecentStrings}).
   */
  @Override
  public String readString() throws IOException {
    int length = SystemLimitException.checkMaxStringLength(readLength("string"));
    if (recent == null) {
      recent = new RecentStrings(SHARED_STRING_SLOTS, SHARED_STRING_MAX_BYTES);
    }
    String value = recent.get(buf, pos, length);
    pos += length;
    return value;
  }

  /** Reads a string that is not expected to repeat (an identifier), always as a new instance. */
  public String readUniqueString() throws IOException {
    int length = SystemLimitException.checkMaxStringLength(readLength("string"));
    String value = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return value;
  }

  /**
   * Skips a string without decoding it, refusing exactly what {@link #readString()} refuses (a
   * length beyond the bytes that remain or beyond Avro's string limit).
   */
  void passString() throws IOException {
    int length = SystemLimitException.checkMaxStringLength(readLength("string"));
    pos += length;
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = SystemLimitException.checkMaxStringLength(readLength("string"));
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    System.arraycopy(buf, pos, result.getBytes(), 0, length);
    pos += length;
    return result;
  }

  @Override
  public void skipString() throws IOException {
    skip(readLength("string"));
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = SystemLimitException.checkMaxBytesLength(readLength("bytes"));
    ByteBuffer result;
    if (old != null && length <= old.capacity()) {
      result = old;
      result.clear();
    } else {
      result = ByteBuffer.allocate(length);
    }
    result.put(buf, pos, length);
    result.flip();
    pos += length;
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    skip(readLength("bytes"));
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    require(length);
    System.arraycopy(buf, pos, bytes, start, length);
    pos += length;
  }

  @Override
  public void skipFixed(int length) throws IOException {
    skip(length);
  }

  @Override
  public int readEnum() throws IOException {
    return readInt();
  }

  @Override
  public long readArrayStart() throws IOException {
    collectionCount = SystemLimitException.checkMaxCollectionLength(readBlockCount());
    return collectionCount;
  }

  @Override
  public long arrayNext() throws IOException {
    long count = readBlockCount();
    collectionCount = SystemLimitException.checkMaxCollectionLength(collectionCount, count);
    return count;
  }

  @Override
  public long skipArray() throws IOException {
    return SystemLimitException.checkMaxCollectionLength(skipBlocks());
  }

  @Override
  public long readMapStart() throws IOException {
    return checkMapBlock(readArrayStart());
  }

  @Override
  public long mapNext() throws IOException {
    return checkMapBlock(arrayNext());
  }

  @Override
  public long skipMap() throws IOException {
    return skipArray();
  }

  @Override
  public int readIndex() throws IOException {
    return readInt();
  }

  /** Reads a block's item count; a negative count is followed by the block's size in bytes. */
  private long readBlockCount() throws IOException {
    long count = readLong();
    if (count < 0) {
      if (count == Long.MIN_VALUE) {
        throw new AvroRuntimeException("Malformed data. Block count is invalid: " + count);
      }
      long size = readLong();
      if (size < 0) {
        throw new AvroRuntimeException("Malformed data. Block byte-size is negative: " + size);
      }
      count = -count;
    }
    return count;
  }

  /** A map entry takes at least one byte (its key's length), so a count is bounded by them. */
  private long checkMapBlock(long count) throws EOFException {
    if (count > remainingBytes()) {
      throw new EOFException(
          "Map block claims " + count + " entries, but only " + remainingBytes() + " bytes remain");
    }
    return count;
  }

  /** Skips whole blocks whose byte size is given; returns the item count of the first other one. */
  private long skipBlocks() throws IOException {
    while (true) {
      long count = readLong();
      if (count >= 0) {
        return count;
      }
      if (count == Long.MIN_VALUE) {
        throw new AvroRuntimeException("Malformed data. Block count is invalid: " + count);
      }
      long size = readLong();
      if (size < 0) {
        throw new AvroRuntimeException("Malformed data. Block byte-size is negative: " + size);
      }
      skip(size);
    }
  }

  private int readLength(String what) throws IOException {
    long length = readLong();
    if (length < 0) {
      throw new AvroRuntimeException("Malformed data. Length is negative: " + length);
    }
    if (length > remainingBytes()) {
      throw new EOFException(
          "Attempted to read a "
              + what
              + " of "
              + length
              + " bytes, but only "
              + remainingBytes()
              + " bytes remain");
    }
    return (int) length;
  }

  private void skip(long length) throws IOException {
    if (length < 0) {
      throw new AvroRuntimeException("Malformed data. Length is negative: " + length);
    }
    if (length > remainingBytes()) {
      throw new EOFException(
          "Attempted to skip " + length + " bytes, but only " + remainingBytes() + " bytes remain");
    }
    pos += (int) length;
  }

  private void require(int length) throws EOFException {
    if (length > limit - pos) {
      throw new EOFException(
          "Attempted to read " + length + " bytes, but only " + (limit - pos) + " bytes remain");
    }
  }
}
