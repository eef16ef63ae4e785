package dev.whence.bench;

import dev.whence.app.broker.EmbeddedBroker;
import dev.whence.avro.Alert;
import dev.whence.avro.Event;
import dev.whence.schemas.Topics;
import dev.whence.topology.ProvenanceTopology;
import dev.whence.topology.StreamsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Detection latency: the time from an event's timestamp to its alert on {@code whence.alerts}, at a
 * steady input rate. One JVM runs the embedded broker and the whole topology ({@code
 * exactly_once_v2}, default rule pack); a producer sends the {@link TopologyWorkload} at a fixed
 * rate, stamping each event with the wall clock as it is sent, and mixes in "download and execute"
 * attacks at a fixed rate; a {@code read_committed} consumer of {@code whence.alerts} takes, for
 * every alert record, the wall clock at receipt minus the alert's {@code lastSeenNanos} (the time
 * of the event that completed or grew the chain). The first seconds are a warm-up and not counted.
 *
 * <p>Run: {@code java -Xmx512m -cp tests/target/whence-benchmarks.jar
 * dev.whence.bench.TopologyLatency [eventsPerSecond] [seconds] [hosts] [attacksPerSecond]
 * [warmupSeconds]}.
 */
public final class TopologyLatency {

  private TopologyLatency() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    TopologyThroughput.quietLogs();
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int hosts = args.length > 2 ? Integer.parseInt(args[2]) : 24;
    double attacksPerSecond = args.length > 3 ? Double.parseDouble(args[3]) : 5;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 15;
    Path dir = Files.createTempDirectory("whence-latency-bench");
    try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), 0);
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopologyThroughput.awaitLeaders(admin);
      Properties props =
          new StreamsSettings(
                  broker.bootstrapServers(),
                  "bench-latency",
                  dir.resolve("state"),
                  true,
                  "127.0.0.1:1")
              .toProperties();
      props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
      KafkaStreams streams = new KafkaStreams(ProvenanceTopology.build(), props);
      streams.start();
      awaitRunning(streams);
      AlertWatcher watcher = new AlertWatcher(broker.bootstrapServers());
      watcher.start();
      long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
      watcher.countFrom(warmupEnd);
      Sent sent =
          producePaced(broker.bootstrapServers(), rate, seconds + warmup, hosts, attacksPerSecond);
      Thread.sleep(10_000);
      watcher.stop.set(true);
      watcher.join(10_000);
      long lag = lag(admin, "bench-latency");
      streams.close(Duration.ofSeconds(30));
      report(rate, seconds, hosts, attacksPerSecond, warmup, sent, watcher, lag);
    } finally {
      TopologyThroughput.deleteTree(dir);
    }
  }

  private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
    for (int i = 0; i < 600 && streams.state() != KafkaStreams.State.RUNNING; i++) {
      Thread.sleep(100);
    }
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw new IllegalStateException("topology not running after 60 s: " + streams.state());
    }
  }

  /** What the producer sent. */
  record Sent(long events, long attacks, double seconds) {}

  private static Sent producePaced(
      String bootstrap, int rate, int seconds, int hosts, double attacksPerSecond)
      throws InterruptedException {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    Serializer<Event> encoder = Topics.EVENTS.value().serializer();
    TopologyWorkload workload = new TopologyWorkload(hosts, 42);
    Map<String, Long> lastNanos = new HashMap<>();
    long total = (long) rate * seconds;
    long eventsPerAttack =
        attacksPerSecond <= 0 ? Long.MAX_VALUE : (long) (rate / attacksPerSecond);
    long sent = 0;
    long attacks = 0;
    long nextAttackAt = eventsPerAttack;
    long start = System.nanoTime();
    List<Event> batch = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      while (sent < total) {
        long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
        if (sent >= due) {
          Thread.sleep(1);
          continue;
        }
        if (batch.isEmpty()) {
          if (sent >= nextAttackAt) {
            batch.addAll(workload.nextAttack());
            attacks++;
            nextAttackAt += eventsPerAttack;
          } else {
            batch.addAll(workload.nextBatch());
          }
        }
        while (sent < due && !batch.isEmpty()) {
          Event e = batch.remove(0);
          long now = wallNanos();
          long stamp = Math.max(now, lastNanos.getOrDefault(e.getHost(), 0L) + 1);
          lastNanos.put(e.getHost(), stamp);
          e.setTimestampNanos(stamp);
          producer.send(
              new ProducerRecord<>(
                  Topics.EVENTS.name(),
                  null,
                  TimeUnit.NANOSECONDS.toMillis(stamp),
                  e.getHost(),
                  encoder.serialize(Topics.EVENTS.name(), e)));
          sent++;
        }
      }
      producer.flush();
    }
    return new Sent(sent, attacks, (System.nanoTime() - start) / 1e9);
  }

  private static long wallNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Consumes whence.alerts and records each alert's latency, per rule. */
  private static final class AlertWatcher extends Thread {
    final AtomicBoolean stop = new AtomicBoolean();
    final Map<String, List<Long>> latencies = new TreeMap<>();
    final Map<String, Long> warmupAlerts = new TreeMap<>();
    final Map<String, Long> newest = new HashMap<>();
    long reEmitted;
    private final String bootstrap;
    private volatile long countFrom = Long.MAX_VALUE;

    AlertWatcher(String bootstrap) {
      super("alert-watcher");
      this.bootstrap = bootstrap;
      setDaemon(true);
    }

    void countFrom(long monotonicNanos) {
      this.countFrom = monotonicNanos;
    }

    @Override
    public void run() {
      Properties c = new Properties();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-watcher");
      c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      Deserializer<Alert> decoder = Topics.ALERTS.value().deserializer();
      try (KafkaConsumer<String, byte[]> consumer =
          new KafkaConsumer<>(
              c,
              new StringDeserializer(),
              new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
        consumer.subscribe(List.of(Topics.ALERTS.name()));
        while (!stop.get()) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
            long received = wallNanos();
            if (r.value() == null) {
              continue;
            }
            Alert alert = decoder.deserialize(r.topic(), r.value());
            String rule = alert.getRuleId();
            Long before = newest.put(alert.getId(), alert.getLastSeenNanos());
            if (before != null && before >= alert.getLastSeenNanos()) {
              // The same chain again (its incident changed): not a detection, not timed.
              reEmitted++;
              continue;
            }
            if (System.nanoTime() < countFrom) {
              warmupAlerts.merge(rule, 1L, Long::sum);
            } else {
              latencies
                  .computeIfAbsent(rule, k -> new ArrayList<>())
                  .add(received - alert.getLastSeenNanos());
            }
          }
        }
      }
    }
  }

  private static long lag(Admin admin, String group) throws Exception {
    var end = TopologyThroughput.endOffsets(admin, Topics.EVENTS.name());
    var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    long lag = 0;
    for (var e : end.entrySet()) {
      var o = committed.get(e.getKey());
      lag += Math.max(0, e.getValue() - (o == null ? 0 : o.offset()));
    }
    return lag;
  }

  private static void report(
      int rate,
      int seconds,
      int hosts,
      double attacksPerSecond,
      int warmup,
      Sent sent,
      AlertWatcher watcher,
      long lag) {
    System.out.printf(
        "sent %,d events (%,d attacks) in %.1f s = %,.0f events/s (target %,d/s, %d s measured after"
            + " a %d s warm-up, %d hosts, %.1f attacks/s); input left unprocessed at the end: %,d"
            + " (transaction markers included)%n",
        sent.events(),
        sent.attacks(),
        sent.seconds(),
        sent.events() / sent.seconds(),
        rate,
        seconds,
        warmup,
        hosts,
        attacksPerSecond,
        lag);
    System.out.println("alerts during warm-up, by rule: " + watcher.warmupAlerts);
    System.out.printf(
        "alert records re-emitted with an unchanged chain (incident updates, not timed): %,d%n",
        watcher.reEmitted);
    List<Long> all = new ArrayList<>();
    watcher.latencies.forEach(
        (rule, values) -> {
          all.addAll(values);
          System.out.println(rule + ": " + summary(values));
        });
    System.out.println("all alert records: " + summary(all));
  }

  private static String summary(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return "no alerts";
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return String.format(
        "%,d alert records; latency ms p50 %.0f, p90 %.0f, p99 %.0f, p99.9 %.0f, max %.0f",
        sorted.size(),
        percentile(sorted, 0.50),
        percentile(sorted, 0.90),
        percentile(sorted, 0.99),
        percentile(sorted, 0.999),
        sorted.get(sorted.size() - 1) / 1e6);
  }

  private static double percentile(List<Long> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }
}
