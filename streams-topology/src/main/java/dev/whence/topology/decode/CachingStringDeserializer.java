package dev.whence.topology.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A UTF-8 string deserializer for keys that repeat, such as the host key of {@code whence.events}:
 * it keeps the strings of the last {@link #ENTRIES} distinct keys of at most {@link #MAX_KEY_BYTES}
 * bytes and returns the kept string when the same bytes come again, instead of a new one. Longer
 * keys are decoded every time, so the memory held stays bounded whatever the input.
 *
 * <p>Safe to share between threads: each kept entry is immutable (its own copy of the bytes) and is
 * published through final fields, so a race between two threads only costs a miss.
 */
public final class CachingStringDeserializer implements Deserializer<String> {

  /** How many distinct keys are kept. */
  public static final int ENTRIES = 8;

  /** Keys longer than this are not kept. */
  public static final int MAX_KEY_BYTES = 256;

  private record Entry(byte[] bytes, String value) {}

  private final Entry[] entries = new Entry[ENTRIES];
  private int next;

  @Override
  public String deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    for (Entry entry : entries) {
      if (entry != null && Arrays.equals(entry.bytes, data)) {
        return entry.value;
      }
    }
    String value = new String(data, StandardCharsets.UTF_8);
    if (data.length <= MAX_KEY_BYTES) {
      int slot = next;
      entries[slot] = new Entry(data.clone(), value);
      next = (slot + 1) % ENTRIES;
    }
    return value;
  }
}
