package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.avro.CollectorStatus;
import dev.whence.avro.Event;
import dev.whence.avro.Operation;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.SequenceGap;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import dev.whence.collector.publish.FailureKind;
import dev.whence.collector.publish.KafkaPublisher;
import dev.whence.collector.publish.PublishFailure;
import dev.whence.collector.publish.PublisherConfig;
import dev.whence.collector.publish.PublisherFailedException;
import dev.whence.collector.publish.PublisherStats;
import dev.whence.collector.spool.SyncPolicy;
import dev.whence.collector.status.CollectorIdentity;
import dev.whence.collector.status.CompletenessTracker;
import dev.whence.collector.status.StatusReporter;
import dev.whence.it.support.TestBroker;
import dev.whence.schemas.EventIds;
import dev.whence.schemas.Topic;
import dev.whence.schemas.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher against a real broker that goes away mid-stream: nothing is lost, the spool takes
 * the records while the broker is down and is drained in order when it returns, and the
 * acknowledged checkpoint reaches the last input.
 */
class PublisherSpoolIT {

  private static final Logger LOG = LoggerFactory.getLogger(PublisherSpoolIT.class);
  private static final List<String> HOSTS = List.of("host-a", "host-b", "host-c");
  private static final String BOOT = "boot-1";

  static {
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.DEFAULT, c -> c.getName().startsWith("dev.whence.avro.")));
  }

  @TempDir Path tmp;
  private TestBroker broker;
  private final List<PublishFailure> failures = new CopyOnWriteArrayList<>();
  private final List<Long> acks = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startBroker() throws Exception {
    broker = TestBroker.start(tmp.resolve("broker"));
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  newTopic(Topics.EVENTS), newTopic(Topics.EVENTS_DLQ), newTopic(Topics.STATUS)))
          .all()
          .get();
    }
  }

  @AfterEach
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyEventArrivesOnceInOrderAcrossABrokerOutage() throws Exception {
    int total = 20_000;
    KafkaPublisher publisher = start(tmp.resolve("spool"));
    Thread outage =
        new Thread(
            () -> {
              broker.stop();
              LOG.info("broker stopped");
              sleep(10_000);
              broker.restart();
              LOG.info("broker restarted");
            },
            "outage");
    boolean sawSpooling = false;
    try {
      for (int i = 1; i <= total; i++) {
        publisher.event(event(i), i);
        if (i == 4_000) {
          outage.start();
        }
        if (i % 20 == 0) {
          sawSpooling |= publisher.state() == KafkaPublisher.State.SPOOLING;
          Thread.sleep(20);
        }
      }
      outage.join();
      assertThat(publisher.awaitIdle(Duration.ofSeconds(60))).isTrue();
      PublisherStats stats = publisher.stats();
      LOG.info("publisher stats after the outage: {}", stats);
      assertThat(sawSpooling).isTrue();
      assertThat(stats.eventsSpooled()).isPositive();
      assertThat(stats.sendFailures()).isPositive();
      assertThat(stats.eventsAccepted()).isEqualTo(total);
      assertThat(stats.spoolDepth()).isZero();
      assertThat(stats.state()).isEqualTo(KafkaPublisher.State.DIRECT);
    } finally {
      publisher.close();
    }
    assertThat(failures).isEmpty();
    assertThat(acks).isSortedAccordingTo(Long::compare);
    assertThat(acks.get(acks.size() - 1)).isEqualTo(total);

    Received received = consumeEvents(total);
    LOG.info(
        "received {} records, {} distinct ids, {} duplicates",
        received.records,
        received.firstBySequence.size(),
        received.duplicates);
    for (int i = 1; i <= total; i++) {
      assertThat(received.firstBySequence).containsKey((long) i);
    }
    assertThat(received.mismatchedIds).isZero();
    assertThat(received.outOfOrder).isZero();
  }

  @Test
  void recordsLeftInTheSpoolByAStoppedPublisherAreSentByTheNextOne() throws Exception {
    int total = 500;
    broker.stop();
    Path spool = tmp.resolve("spool");
    KafkaPublisher first = start(spool);
    try {
      for (int i = 1; i <= total; i++) {
        first.event(event(i), i);
      }
      assertThat(first.stats().eventsSpooled()).isEqualTo(total);
    } finally {
      first.close();
    }
    assertThat(acks).isEmpty();
    broker.restart();
    KafkaPublisher second = start(spool);
    try {
      assertThat(second.stats().recoveredFromSpool()).isEqualTo(total);
      assertThat(second.awaitIdle(Duration.ofSeconds(60))).isTrue();
      assertThat(second.stats().eventsPublished()).isEqualTo(total);
    } finally {
      second.close();
    }
    assertThat(acks).isEmpty();
    Received received = consumeEvents(total);
    assertThat(received.firstBySequence).hasSize(total);
    assertThat(received.outOfOrder).isZero();
  }

  @Test
  void writeAheadSendsEveryRecordThroughTheSpoolInOrder() throws Exception {
    int total = 2_000;
    KafkaPublisher publisher =
        KafkaPublisher.start(
            config(tmp.resolve("spool")).withWriteAhead(true),
            Clock.systemUTC(),
            acks::add,
            failures::add);
    try {
      for (int i = 1; i <= total; i++) {
        publisher.event(event(i), i);
      }
      assertThat(publisher.awaitIdle(Duration.ofSeconds(60))).isTrue();
      assertThat(publisher.stats().eventsSpooled()).isEqualTo(total);
      assertThat(publisher.stats().eventsPublished()).isEqualTo(total);
      assertThat(publisher.state()).isEqualTo(KafkaPublisher.State.SPOOLING);
    } finally {
      publisher.close();
    }
    assertThat(acks.get(acks.size() - 1)).isEqualTo(total);
    Received received = consumeEvents(total);
    assertThat(received.firstBySequence).hasSize(total);
    assertThat(received.duplicates).isZero();
    assertThat(received.outOfOrder).isZero();
  }

  @Test
  void aFullSpoolBlocksTheCallerUntilTheBrokerReturns() throws Exception {
    int total = 300;
    broker.stop();
    PublisherConfig config =
        config(tmp.resolve("spool")).withLimits(1_024, 100).withSpool(8_192, 4_096, SyncPolicy.OS);
    KafkaPublisher publisher =
        KafkaPublisher.start(config, Clock.systemUTC(), acks::add, failures::add);
    AtomicInteger accepted = new AtomicInteger();
    Thread source =
        new Thread(
            () -> {
              for (int i = 1; i <= total; i++) {
                publisher.event(event(i), i);
                accepted.set(i);
              }
            },
            "source");
    try {
      source.start();
      int seen = -1;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline && seen != accepted.get()) {
        seen = accepted.get();
        Thread.sleep(1_500);
      }
      assertThat(source.isAlive()).isTrue();
      assertThat(accepted.get()).isBetween(1, total - 1);
      assertThat(publisher.state()).isEqualTo(KafkaPublisher.State.SPOOLING);
      assertThat(publisher.stats().spoolBytes()).isGreaterThan(8_192 / 2);
      broker.restart();
      source.join(60_000);
      assertThat(source.isAlive()).isFalse();
      assertThat(publisher.awaitIdle(Duration.ofSeconds(60))).isTrue();
    } finally {
      source.interrupt();
      publisher.close();
    }
    assertThat(failures).isEmpty();
    assertThat(acks.get(acks.size() - 1)).isEqualTo(total);
    Received received = consumeEvents(total);
    assertThat(received.firstBySequence).hasSize(total);
    assertThat(received.outOfOrder).isZero();
  }

  @Test
  void oversizedAndUnencodableEventsGoToTheDeadLetterTopicAndHeartbeatsToStatus() throws Exception {
    KafkaPublisher publisher =
        KafkaPublisher.start(
            config(tmp.resolve("spool")).withLimits(4_096, 100),
            Clock.systemUTC(),
            acks::add,
            failures::add);
    try {
      publisher.event(event(1), 1);
      Event big = event(2);
      big.getSubject().setArgv(List.of("x".repeat(10_000)));
      publisher.event(big, 2);
      Event broken = event(3);
      broken.setSubject(null);
      publisher.event(broken, 3);
      publisher.event(event(4), 4);
      var tracker = new CompletenessTracker();
      tracker.observe(BOOT, 1);
      tracker.observe(BOOT, 4);
      tracker.confirmAll();
      new StatusReporter(
              new CollectorIdentity("host-b", BOOT, SourceKind.LINUX_AUDIT, "it", "test"),
              tracker,
              () -> publisher.stats().asStatusCounters(0),
              () -> null,
              publisher,
              Clock.systemUTC(),
              10)
          .report();
      assertThat(publisher.awaitIdle(Duration.ofSeconds(30))).isTrue();
      PublisherStats stats = publisher.stats();
      assertThat(stats.eventsPublished()).isEqualTo(2);
      assertThat(stats.rejectedPublished()).isEqualTo(2);
    } finally {
      publisher.close();
    }
    assertThat(acks.get(acks.size() - 1)).isEqualTo(4);

    Map<String, RejectedInput> dlq = new HashMap<>();
    for (ConsumerRecord<String, RejectedInput> r : consume(Topics.EVENTS_DLQ, 2)) {
      dlq.put(r.value().getReasonCode(), r.value());
    }
    assertThat(dlq).containsOnlyKeys("RECORD_TOO_LARGE", "UNENCODABLE_EVENT");
    RejectedInput tooLarge = dlq.get("RECORD_TOO_LARGE");
    assertThat(tooLarge.getTruncated()).isTrue();
    assertThat(tooLarge.getBytes().remaining()).isEqualTo(2_048);
    assertThat(tooLarge.getOrigin()).isEqualTo("event " + event(2).getId());
    assertThat(dlq.get("UNENCODABLE_EVENT").getReason()).contains("cannot be encoded");

    List<ConsumerRecord<String, CollectorStatus>> statuses = consume(Topics.STATUS, 1);
    CollectorStatus status = statuses.get(0).value();
    assertThat(statuses.get(0).key()).isEqualTo("host-b");
    assertThat(status.getMissingSequences()).isEqualTo(2);
    assertThat(status.getGaps()).containsExactly(new SequenceGap(2L, 3L));
    assertThat(status.getEventsRead()).isEqualTo(2);
  }

  @Test
  void aRecordTheBrokerRefusesAsTooLargeStopsThePublisherAndStaysInTheSpool() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.EVENTS.name());
      admin
          .incrementalAlterConfigs(
              Map.of(
                  resource,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("max.message.bytes", "2048"), AlterConfigOp.OpType.SET))))
          .all()
          .get();
    }
    KafkaPublisher publisher = start(tmp.resolve("spool"));
    try {
      publisher.event(event(1), 1);
      assertThat(publisher.awaitIdle(Duration.ofSeconds(20))).isTrue();
      Event big = event(2);
      byte[] noise = new byte[6_000];
      new Random(7).nextBytes(noise);
      big.getSubject().setArgv(List.of(java.util.HexFormat.of().formatHex(noise)));
      publisher.event(big, 2);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (failures.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(failures).hasSize(1);
      assertThat(failures.get(0).kind()).isEqualTo(FailureKind.RECORD_TOO_LARGE);
      assertThat(publisher.state()).isEqualTo(KafkaPublisher.State.FAILED);
      assertThatThrownBy(() -> publisher.event(event(3), 3))
          .isInstanceOf(PublisherFailedException.class)
          .hasMessageContaining("RECORD_TOO_LARGE");
      assertThat(publisher.stats().spoolDepth()).isEqualTo(1);
    } finally {
      publisher.close();
    }
    assertThat(acks).containsExactly(1L);
  }

  private KafkaPublisher start(Path spool) throws Exception {
    return KafkaPublisher.start(config(spool), Clock.systemUTC(), acks::add, failures::add);
  }

  private PublisherConfig config(Path spool) {
    return PublisherConfig.defaults(broker.bootstrapServers(), spool)
        .withSpool(64L << 20, 4L << 20, SyncPolicy.DEFAULT)
        .withTimeouts(
            Duration.ofMillis(2_500),
            Duration.ofMillis(1_000),
            Duration.ofMillis(1_000),
            Duration.ofMillis(1_000));
  }

  private <V> List<ConsumerRecord<String, V>> consume(Topic<String, V> topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(p, topic.key().deserializer(), topic.value().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic.name())
          .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    return out;
  }

  private static Event event(long sequence) {
    String host = HOSTS.get((int) (sequence % HOSTS.size()));
    return Event.newBuilder()
        .setId(EventIds.of(host, BOOT, sequence))
        .setHost(host)
        .setBoot(BOOT)
        .setSource(SourceKind.LINUX_AUDIT)
        .setSequence(sequence)
        .setTimestampNanos(1_700_000_000_000_000_000L + sequence)
        .setOperation(Operation.EXECUTE)
        .setAction("execve")
        .setSubject(
            Subject.newBuilder()
                .setPid((int) (1000 + sequence % 5000))
                .setExe("/usr/bin/true")
                .setArgv(List.of("true", Long.toString(sequence)))
                .build())
        .build();
  }

  /** What the events topic holds. */
  private static final class Received {
    final Map<Long, String> firstBySequence = new HashMap<>();
    long records;
    long duplicates;
    long mismatchedIds;
    long outOfOrder;
  }

  private Received consumeEvents(int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Topic<String, Event> topic = Topics.EVENTS;
    Received received = new Received();
    Map<String, Long> lastByHost = new HashMap<>();
    try (KafkaConsumer<String, Event> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), topic.value().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic.name())
          .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.firstBySequence.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Event> record : consumer.poll(Duration.ofMillis(500))) {
          received.records++;
          Event e = record.value();
          assertThat(record.key()).isEqualTo(e.getHost());
          if (!e.getId().equals(EventIds.of(e.getHost(), e.getBoot(), e.getSequence()))) {
            received.mismatchedIds++;
          }
          if (received.firstBySequence.putIfAbsent(e.getSequence(), e.getId()) != null) {
            received.duplicates++;
            continue;
          }
          Long last = lastByHost.put(e.getHost(), e.getSequence());
          if (last != null && last > e.getSequence()) {
            received.outOfOrder++;
          }
        }
      }
    }
    return received;
  }

  private static NewTopic newTopic(Topic<?, ?> topic) {
    return new NewTopic(topic.name(), topic.partitions(), (short) 1)
        .configs(Map.of("cleanup.policy", topic.cleanupPolicy()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
