package dev.whence.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic of Whence with the serdes of its key and value and how it is laid out.
 *
 * <p>Production code and tests address topics only through these values (see {@link Topics}), so a
 * name, a serde or a cleanup policy is defined once.
 *
 * @param name topic name
 * @param key serde of the key
 * @param value serde of the value
 * @param partitions partition count used when Whence creates the topic
 * @param compacted whether the topic keeps only the latest value per key
 */
public record Topic<K, V>(
    String name, Serde<K> key, Serde<V> value, int partitions, boolean compacted) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1");
    }
  }

  /** The Kafka {@code cleanup.policy} of this topic. */
  public String cleanupPolicy() {
    return compacted ? "compact" : "delete";
  }
}
