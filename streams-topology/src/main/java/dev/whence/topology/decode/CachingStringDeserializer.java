package dev.whence.topology.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A UTF-8 string deserializer for keys that repeat, such as the host key of {@code whence.events}:
 * it keeps keys of at most {@link #MAX_KEY_BYTES} bytes in a table of {@link #ENTRIES} slots (a key
 * takes the first free one of the few from the slot its bytes hash to, else replaces that slot's
 * key), and returns the kept string when the same bytes come again, instead of a new one. Longer
 * keys are decoded every time, so the memory held stays bounded whatever the input; keys crafted to
 * share a slot only miss.
 *
 * <p>One instance serves every task of the source, so it must hold the hosts of all partitions (a
 * cache of the last few distinct keys missed at every record once more hosts than that shared it).
 * Safe to share between threads: each kept entry is immutable (its own copy of the bytes) and is
 * published through final fields, so a race between two threads only costs a miss.
 */
public final class CachingStringDeserializer implements Deserializer<String> {

  /** Slots of the table (a power of two). */
  public static final int ENTRIES = 256;

  /** Slots looked at from a key's own: a key takes the first free one, else its own. */
  private static final int PROBES = 4;

  /** Fibonacci hashing: the top bits of the product pick the slot, spreading similar keys. */
  private static final int SLOT_SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(ENTRIES);

  /** Keys longer than this are not kept. */
  public static final int MAX_KEY_BYTES = 256;

  private record Entry(byte[] bytes, String value) {}

  private final Entry[] entries = new Entry[ENTRIES];

  @Override
  public String deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length > MAX_KEY_BYTES) {
      return new String(data, StandardCharsets.UTF_8);
    }
    int home = (Arrays.hashCode(data) * 0x9E3779B9) >>> SLOT_SHIFT;
    int free = -1;
    for (int i = 0; i < PROBES; i++) {
      int slot = (home + i) & (ENTRIES - 1);
      Entry entry = entries[slot];
      if (entry == null) {
        free = free < 0 ? slot : free;
      } else if (Arrays.equals(entry.bytes, data)) {
        return entry.value;
      }
    }
    String value = new String(data, StandardCharsets.UTF_8);
    entries[free >= 0 ? free : home] = new Entry(data.clone(), value);
    return value;
  }
}
