package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.bench.TopologyWorkload;
import dev.whence.graph.state.KeyValueGraphState;
import dev.whence.it.support.CollectorProcess;
import dev.whence.it.support.TestBroker;
import dev.whence.schemas.Topic;
import dev.whence.schemas.Topics;
import dev.whence.topology.ProvenanceTopology;
import dev.whence.topology.StoreNames;
import dev.whence.topology.StreamsSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology's write-behind stores under {@code exactly_once_v2}: a topology process killed with
 * SIGKILL part-way through the input (its uncommitted dirty keys and open transaction lost), then
 * resumed with an empty state directory (so every store is restored from its changelog), ends with
 * exactly the state of an uninterrupted run over the same input: graph entries, detection matches
 * and every per-task counter. The expiry index has no changelog and is rebuilt from the entries:
 * both runs must hold an index entry for every entry's due time (entries left over from an earlier
 * due time, which expiry skips, may differ).
 */
class TopologyCrashRestoreIT {

  private static final int EVENTS = 120_000;
  private static final int HOSTS = 6;
  private static final List<String> COMPARED_STORES =
      List.of(
          StoreNames.GRAPH_STATE,
          StoreNames.GRAPH_COUNTERS,
          StoreNames.ALERT_MATCHES,
          StoreNames.EVENTS_PER_HOST,
          StoreNames.EVENTS_PER_OPERATION);

  @TempDir Path tmp;
  private TestBroker broker;
  private Admin admin;

  @AfterEach
  void stop() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aRunKilledMidwayAndRestoredFromTheChangelogEndsAsAnUninterruptedRun() throws Exception {
    broker = TestBroker.start(tmp.resolve("broker"));
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    createTopics();
    awaitLeaders();
    produce();
    Map<TopicPartition, Long> end = endOffsets();
    long total = end.values().stream().mapToLong(Long::longValue).sum();

    CollectorProcess crashed =
        CollectorProcess.start(
            tmp.resolve("crashed.log"),
            List.of(
                "topology",
                "--bootstrap",
                broker.bootstrapServers(),
                "--application-id",
                "crashed",
                "--data-dir",
                tmp.resolve("crashed-data").toString(),
                "--state-dir",
                tmp.resolve("crashed-state-1").toString(),
                "--http-port",
                Integer.toString(freePort()),
                "--exactly-once"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    long committedAtKill;
    while (true) {
      committedAtKill = committed("crashed", end);
      if (committedAtKill >= total / 4) {
        break;
      }
      assertThat(crashed.isAlive()).as("topology process alive:%n%s", crashed.log()).isTrue();
      assertThat(System.nanoTime()).as("a quarter processed in time").isLessThan(deadline);
      Thread.sleep(50);
    }
    crashed.kill9();
    assertThat(committedAtKill).as("killed before the end of the input").isLessThan(total);

    Map<String, Map<String, List<String>>> resumed =
        runToEnd("crashed", tmp.resolve("crashed-state-2"), end, total);
    Map<String, Map<String, List<String>>> uninterrupted =
        runToEnd("uninterrupted", tmp.resolve("uninterrupted-state"), end, total);

    assertThat(uninterrupted.get(StoreNames.GRAPH_STATE)).hasSizeGreaterThan(1000);
    assertThat(uninterrupted.get(StoreNames.EVENTS_PER_HOST)).hasSize(HOSTS);
    for (String store : COMPARED_STORES) {
      assertThat(resumed.get(store)).as(store).isEqualTo(uninterrupted.get(store));
    }
    assertThat(resumed.get(StoreNames.GRAPH_EXPIRY).keySet())
        .as("the rebuilt expiry index")
        .containsAll(dueIndexKeys(resumed.get(StoreNames.GRAPH_STATE)));
    assertThat(uninterrupted.get(StoreNames.GRAPH_EXPIRY).keySet())
        .as("the expiry index of the uninterrupted run")
        .containsAll(dueIndexKeys(uninterrupted.get(StoreNames.GRAPH_STATE)));
  }

  /** The expiry index keys that the entries of a graph-state dump are due under. */
  private static List<String> dueIndexKeys(Map<String, List<String>> entries) {
    List<String> keys = new ArrayList<>();
    entries.forEach(
        (storeKey, values) ->
            values.forEach(
                value ->
                    KeyValueGraphState.expiryOf(storeKey, Base64.getDecoder().decode(value))
                        .map(KeyValueGraphState::indexKey)
                        .ifPresent(keys::add)));
    assertThat(keys).as("entries that expire").hasSizeGreaterThan(1000);
    return keys;
  }

  /** Runs the topology in this JVM until its commits reach the end of the input; its stores. */
  private Map<String, Map<String, List<String>>> runToEnd(
      String applicationId, Path stateDir, Map<TopicPartition, Long> end, long total)
      throws Exception {
    Properties props =
        new StreamsSettings(broker.bootstrapServers(), applicationId, stateDir, true, "127.0.0.1:1")
            .toProperties();
    try (KafkaStreams streams = new KafkaStreams(ProvenanceTopology.build(), props)) {
      streams.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (committed(applicationId, end) < total) {
        assertThat(streams.state())
            .isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
        assertThat(System.nanoTime()).as(applicationId + " done in time").isLessThan(deadline);
        Thread.sleep(100);
      }
      while (streams.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(100);
      }
      Map<String, Map<String, List<String>>> stores = new HashMap<>();
      for (String store : COMPARED_STORES) {
        stores.put(store, readAll(streams, store));
      }
      stores.put(StoreNames.GRAPH_EXPIRY, readAll(streams, StoreNames.GRAPH_EXPIRY));
      return stores;
    }
  }

  /** Every entry of every task's store {@code name}; a key held by several tasks lists each. */
  private static Map<String, List<String>> readAll(KafkaStreams streams, String name) {
    ReadOnlyKeyValueStore<String, Object> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                name, QueryableStoreTypes.<String, Object>keyValueStore()));
    Map<String, List<String>> out = new TreeMap<>();
    try (KeyValueIterator<String, Object> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, Object> kv = it.next();
        out.computeIfAbsent(kv.key, k -> new ArrayList<>())
            .add(
                kv.value instanceof byte[] b
                    ? Base64.getEncoder().encodeToString(b)
                    : String.valueOf(kv.value));
      }
    }
    out.values().forEach(Collections::sort);
    return out;
  }

  private void createTopics() throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    for (Topic<?, ?> t : Topics.all()) {
      topics.add(
          new NewTopic(t.name(), t.partitions(), (short) 1)
              .configs(Map.of("cleanup.policy", t.cleanupPolicy())));
    }
    admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
  }

  private void awaitLeaders() throws Exception {
    List<String> names = Topics.all().stream().map(Topic::name).toList();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!admin.describeTopics(names).allTopicNames().get().values().stream()
        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
      assertThat(System.nanoTime()).as("topic leaders within 60 s").isLessThan(deadline);
      Thread.sleep(200);
    }
    Thread.sleep(2000);
  }

  private void produce() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    Serializer<Event> encoder = Topics.EVENTS.value().serializer();
    TopologyWorkload workload = new TopologyWorkload(HOSTS, 7);
    int sent = 0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      while (sent < EVENTS) {
        for (Event e : workload.nextBatch()) {
          if (sent++ >= EVENTS) {
            break;
          }
          producer.send(
              new ProducerRecord<>(
                  Topics.EVENTS.name(),
                  null,
                  TimeUnit.NANOSECONDS.toMillis(e.getTimestampNanos()),
                  e.getHost(),
                  encoder.serialize(Topics.EVENTS.name(), e)));
        }
      }
      producer.flush();
    }
  }

  private Map<TopicPartition, Long> endOffsets() throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int i = 0; i < Topics.EVENTS.partitions(); i++) {
      request.put(new TopicPartition(Topics.EVENTS.name(), i), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> out = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  private long committed(String group, Map<TopicPartition, Long> end) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    long sum = 0;
    for (TopicPartition tp : end.keySet()) {
      OffsetAndMetadata o = offsets.get(tp);
      sum += o == null ? 0 : Math.min(o.offset(), end.get(tp));
    }
    return sum;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
