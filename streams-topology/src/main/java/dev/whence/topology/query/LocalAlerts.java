package dev.whence.topology.query;

import dev.whence.avro.Alert;
import dev.whence.schemas.Topics;
import dev.whence.topology.StoreNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the alerts held by the {@code alerts} store of this topology instance. */
public final class LocalAlerts {

  private static final Logger LOG = LoggerFactory.getLogger(LocalAlerts.class);

  private final KafkaStreams streams;

  /** Reads the store of this running Kafka Streams instance. */
  public LocalAlerts(KafkaStreams streams) {
    this.streams = streams;
  }

  /** The alerts of this instance's partitions that the query admits, newest first. */
  public List<AlertView> read(AlertQuery query) {
    List<AlertView> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store().all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (kv.value == null) {
          continue;
        }
        AlertView v = decode(kv.key, kv.value);
        if (v != null && query.admits(v)) {
          out.add(v);
        }
      }
    }
    return query.select(out);
  }

  /** How many alerts this instance's partitions hold. */
  public long count() {
    long n = 0;
    try (KeyValueIterator<String, byte[]> it = store().all()) {
      while (it.hasNext()) {
        if (it.next().value != null) {
          n++;
        }
      }
    }
    return n;
  }

  private ReadOnlyKeyValueStore<String, byte[]> store() {
    return streams.store(
        StoreQueryParameters.fromNameAndType(
            StoreNames.ALERTS, QueryableStoreTypes.<String, byte[]>keyValueStore()));
  }

  private static AlertView decode(String key, byte[] bytes) {
    try {
      Alert a = Topics.ALERTS.value().deserializer().deserialize(Topics.ALERTS.name(), bytes);
      return AlertView.of(a);
    } catch (SerializationException | IllegalArgumentException e) {
      LOG.warn("ignoring unreadable alert {}: {}", key, e.getMessage());
      return null;
    }
  }
}
