package dev.whence.topology.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A UTF-8 string deserializer for keys that repeat, such as the host key of {@code whence.events}:
 * it keeps keys of at most {@link #MAX_KEY_BYTES} bytes in a table of {@link #ENTRIES} slots and
 * returns the kept string when the same bytes come again, instead of a new one. Longer keys are
 * decoded every time, so the memory held stays bounded whatever the input; keys crafted to share a
 * slot only miss.
 *
 * <p>One instance serves every task of the source, on every stream thread, so one table holds the
 * hosts of all partitions. It is shared without locks or thread-locals (a thread-local's lookup
 * cost more than the rest of a key's decoding on a stream thread): a slot holds an immutable entry
 * whose fields are final, so a thread sees either no entry or a whole one, and a race between two
 * threads filling a slot only costs one of them its entry.
 */
public final class CachingStringDeserializer implements Deserializer<String> {

  /** Slots of the table (a power of two). */
  public static final int ENTRIES = 256;

  /** Keys longer than this are not kept. */
  public static final int MAX_KEY_BYTES = 256;

  /** Slots looked at from a key's own. */
  private static final int PROBES = 4;

  private final Kept[] slots = new Kept[ENTRIES];

  /** A kept key: its bytes (a copy) and its string. */
  private record Kept(byte[] bytes, String value) {}

  @Override
  public String deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length > MAX_KEY_BYTES) {
      return new String(data, StandardCharsets.UTF_8);
    }
    int home = spread(Arrays.hashCode(data));
    int free = -1;
    for (int i = 0; i < PROBES; i++) {
      int slot = (home + i) & (ENTRIES - 1);
      Kept kept = slots[slot];
      if (kept == null) {
        free = free < 0 ? slot : free;
      } else if (Arrays.equals(kept.bytes, data)) {
        return kept.value;
      }
    }
    String value = new String(data, StandardCharsets.UTF_8);
    slots[free >= 0 ? free : home] = new Kept(data.clone(), value);
    return value;
  }

  /** A slot from a hash code: its top eight bits after mixing (ENTRIES is 2^8). */
  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B9 >>> 24;
  }
}
