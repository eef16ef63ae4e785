package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import dev.whence.collector.publish.KafkaPublisher;
import dev.whence.collector.publish.PublishFailure;
import dev.whence.collector.publish.PublisherConfig;
import dev.whence.collector.publish.PublisherStats;
import dev.whence.collector.spool.SyncPolicy;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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

  private KafkaPublisher start(Path spool) throws Exception {
    PublisherConfig config =
        PublisherConfig.defaults(broker.bootstrapServers(), spool)
            .withSpool(64L << 20, 4L << 20, SyncPolicy.DEFAULT)
            .withTimeouts(
                Duration.ofMillis(2_500),
                Duration.ofMillis(1_000),
                Duration.ofMillis(1_000),
                Duration.ofMillis(1_000));
    return KafkaPublisher.start(config, Clock.systemUTC(), acks::add, failures::add);
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
