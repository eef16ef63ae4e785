package dev.whence.schemas;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;

/**
 * The Avro binary forms the hand-written codecs share: nullable unions {@code ["null", T]}, enums
 * by symbol index, string arrays and string maps, with the checks and failures of Avro's reader.
 */
final class WireValues {

  private WireValues() {}

  /** Reads the branch of a {@code ["null", T]} union: false for null, true for the value. */
  static boolean readPresent(ByteArrayDecoder in) throws IOException {
    int index = in.readIndex();
    if (index == 1) {
      return true;
    }
    if (index == 0) {
      return false;
    }
    throw new AvroRuntimeException(
        "Malformed data. Union index " + index + " is out of range for a union of 2 branches");
  }

  static String readNullableString(ByteArrayDecoder in) throws IOException {
    return readPresent(in) ? in.readString() : null;
  }

  static Long readNullableLong(ByteArrayDecoder in) throws IOException {
    return readPresent(in) ? Long.valueOf(in.readLong()) : null;
  }

  static Integer readNullableInt(ByteArrayDecoder in) throws IOException {
    return readPresent(in) ? Integer.valueOf(in.readInt()) : null;
  }

  /** Reads an enum index and returns the symbol of {@code symbols} (in schema order) it names. */
  static <E extends Enum<E>> E readEnum(ByteArrayDecoder in, E[] symbols) throws IOException {
    int index = in.readEnum();
    if (index < 0 || index >= symbols.length) {
      throw new AvroRuntimeException(
          "Malformed data. Enum index "
              + index
              + " is out of range for "
              + symbols[0].getDeclaringClass().getSimpleName()
              + " ("
              + symbols.length
              + " symbols)");
    }
    return symbols[index];
  }

  /** Reads an array of strings; each block's count is bounded by the bytes that remain. */
  static List<String> readStringArray(ByteArrayDecoder in) throws IOException {
    long count = in.readArrayStart();
    requireItemBytes(in, count);
    List<String> items = new ArrayList<>((int) count);
    while (count > 0) {
      for (long i = 0; i < count; i++) {
        items.add(in.readString());
      }
      count = in.arrayNext();
      requireItemBytes(in, count);
    }
    return items;
  }

  /** Reads a map of strings; the decoder bounds each block's count by the bytes that remain. */
  static Map<String, String> readStringMap(ByteArrayDecoder in) throws IOException {
    long count = in.readMapStart();
    Map<String, String> entries = new HashMap<>(capacityFor(count));
    while (count > 0) {
      for (long i = 0; i < count; i++) {
        String key = in.readString();
        entries.put(key, in.readString());
      }
      count = in.mapNext();
    }
    return entries;
  }

  /**
   * Checks and skips a map of strings, refusing exactly what {@link #readStringMap} refuses;
   * returns an empty map.
   */
  static Map<String, String> passStringMap(ByteArrayDecoder in) throws IOException {
    long count = in.readMapStart();
    while (count > 0) {
      for (long i = 0; i < count; i++) {
        in.passString();
        in.passString();
      }
      count = in.mapNext();
    }
    return Map.of();
  }

  static void writeNullableString(ByteArrayEncoder out, String value) {
    if (value == null) {
      out.writeInt(0);
    } else {
      out.writeInt(1);
      out.writeString(value);
    }
  }

  static void writeNullableLong(ByteArrayEncoder out, Long value) {
    if (value == null) {
      out.writeInt(0);
    } else {
      out.writeInt(1);
      out.writeLong(value);
    }
  }

  static void writeNullableInt(ByteArrayEncoder out, Integer value) {
    if (value == null) {
      out.writeInt(0);
    } else {
      out.writeInt(1);
      out.writeInt(value);
    }
  }

  /** Writes one block holding every item, then the end marker, as Avro's writer does. */
  static void writeStringArray(ByteArrayEncoder out, List<String> items) {
    int size = items.size();
    if (size > 0) {
      out.writeLong(size);
    }
    int written = 0;
    for (String item : items) {
      written++;
      out.writeString(item);
    }
    out.writeLong(0);
    requireSize("Array", size, written);
  }

  /** Writes one block holding every entry, then the end marker, as Avro's writer does. */
  static void writeStringMap(ByteArrayEncoder out, Map<String, String> entries) {
    int size = entries.size();
    if (size > 0) {
      out.writeLong(size);
    }
    int written = 0;
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      written++;
      out.writeString(entry.getKey());
      out.writeString(entry.getValue());
    }
    out.writeLong(0);
    requireSize("Map", size, written);
  }

  /** Each string item takes at least one byte (its length), as Avro's reader checks. */
  private static void requireItemBytes(ByteArrayDecoder in, long count) throws EOFException {
    if (count > in.remainingBytes()) {
      throw new EOFException(
          "Array block claims "
              + count
              + " items, but only "
              + in.remainingBytes()
              + " bytes remain");
    }
  }

  private static int capacityFor(long count) {
    return (int) Math.min(1 << 30, count + count / 3 + 1);
  }

  private static void requireSize(String what, int size, int written) {
    if (size != written) {
      throw new ConcurrentModificationException(
          what + "-size written was " + size + ", but element count was " + written + ".");
    }
  }
}
