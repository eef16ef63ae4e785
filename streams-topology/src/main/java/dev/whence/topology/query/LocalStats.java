package dev.whence.topology.query;

import dev.whence.avro.CollectorStatus;
import dev.whence.schemas.AvroSerde;
import dev.whence.topology.StoreNames;
import dev.whence.topology.graph.GraphCounterNames;
import dev.whence.topology.state.BufferedCounters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the per-host figures held by the state stores of this topology instance. */
public final class LocalStats {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStats.class);

  private final KafkaStreams streams;
  private final AvroSerde<CollectorStatus> statusSerde = new AvroSerde<>(CollectorStatus.class);

  /** Reads the stores of this running Kafka Streams instance. */
  public LocalStats(KafkaStreams streams) {
    this.streams = streams;
  }

  /** This instance's partial view of every host it holds state for, and its expiry figures. */
  public Stats read() {
    Map<String, GraphFigures> graph = new HashMap<>();
    Map<String, Long> expired = new TreeMap<>();
    Map<String, Long> detection = new TreeMap<>();
    for (String store : List.of(StoreNames.GRAPH_COUNTERS, StoreNames.STITCH_COUNTERS)) {
      this.<Long>readAll(store)
          .forEach(
              (key, n) -> {
                String host = BufferedCounters.groupOf(key);
                String name = BufferedCounters.nameOf(key);
                if (host.equals(GraphCounterNames.ALL_HOSTS)) {
                  if (name.startsWith(GraphCounterNames.EXPIRED)) {
                    expired.merge(name.substring(GraphCounterNames.EXPIRED.length()), n, Long::sum);
                  } else if (name.startsWith(GraphCounterNames.DETECTION)) {
                    detection.merge(
                        name.substring(GraphCounterNames.DETECTION.length()), n, Long::sum);
                  }
                } else {
                  graph.merge(host, GraphFigures.empty().with(name, n), GraphFigures::plus);
                }
              });
    }
    return Stats.of(hosts(graph), expired, new LocalAlerts(streams).count(), detection);
  }

  private List<HostStats> hosts(Map<String, GraphFigures> graph) {
    Map<String, Long> eventsIn = this.<Long>readAll(StoreNames.EVENTS_PER_HOST);
    Map<String, Long> rejected = this.<Long>readAll(StoreNames.REJECTED_PER_HOST);
    Map<String, Map<String, Long>> operations = new HashMap<>();
    this.<Long>readAll(StoreNames.EVENTS_PER_OPERATION)
        .forEach(
            (key, n) -> {
              operations
                  .computeIfAbsent(BufferedCounters.groupOf(key), h -> new TreeMap<>())
                  .put(BufferedCounters.nameOf(key), n);
            });
    Map<String, CollectorStatus> statuses = new HashMap<>();
    this.<byte[]>readAll(StoreNames.COLLECTOR_STATUS)
        .forEach((host, bytes) -> decode(host, bytes, statuses));

    Map<String, HostStats> hosts = new TreeMap<>();
    for (String host :
        union(
            eventsIn.keySet(),
            rejected.keySet(),
            operations.keySet(),
            statuses.keySet(),
            graph.keySet())) {
      CollectorStatus s = statuses.get(host);
      hosts.put(
          host,
          new HostStats(
              host,
              eventsIn.getOrDefault(host, 0L),
              s == null ? 0 : s.getMissingSequences(),
              s == null || s.getKernelLost() == null ? 0 : s.getKernelLost(),
              s == null ? 0 : s.getEventsSpooled(),
              s == null ? 0 : s.getSpoolDepth(),
              rejected.getOrDefault(host, 0L),
              operations.getOrDefault(host, Map.of()),
              s == null ? null : CollectorView.of(s),
              graph.get(host)));
    }
    return new ArrayList<>(hosts.values());
  }

  private void decode(String host, byte[] bytes, Map<String, CollectorStatus> into) {
    try {
      into.put(host, statusSerde.decode(bytes));
    } catch (SerializationException e) {
      LOG.warn("ignoring unreadable collector status of host {}: {}", host, e.getMessage());
    }
  }

  @SafeVarargs
  private static List<String> union(Set<String>... sets) {
    Set<String> all = new TreeSet<>();
    for (var s : sets) {
      all.addAll(s);
    }
    return List.copyOf(all);
  }

  private <V> Map<String, V> readAll(String storeName) {
    ReadOnlyKeyValueStore<String, V> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                storeName, QueryableStoreTypes.<String, V>keyValueStore()));
    Map<String, V> out = new HashMap<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, V> kv = it.next();
        out.put(kv.key, kv.value);
      }
    }
    return out;
  }
}
