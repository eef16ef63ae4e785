package dev.whence.topology.decode;

import dev.whence.schemas.RecentStrings;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A UTF-8 string deserializer for keys that repeat, such as the host key of {@code whence.events}:
 * it keeps keys of at most {@link #MAX_KEY_BYTES} bytes in a {@link RecentStrings} table of {@link
 * #ENTRIES} slots and returns the kept string when the same bytes come again, instead of a new one.
 * Longer keys are decoded every time, so the memory held stays bounded whatever the input; keys
 * crafted to share a slot only miss.
 *
 * <p>One instance serves every task of the source, so each thread's table must hold the hosts of
 * all the partitions it reads (a cache of the last few distinct keys missed at every record once
 * more hosts than that shared it). Safe to share between threads: each has its own table.
 */
public final class CachingStringDeserializer implements Deserializer<String> {

  /** Slots of the table (a power of two). */
  public static final int ENTRIES = 256;

  /** Keys longer than this are not kept. */
  public static final int MAX_KEY_BYTES = 256;

  private final ThreadLocal<RecentStrings> keys =
      ThreadLocal.withInitial(() -> new RecentStrings(ENTRIES, MAX_KEY_BYTES));

  @Override
  public String deserialize(String topic, byte[] data) {
    return data == null ? null : keys.get().get(data, 0, data.length);
  }
}
