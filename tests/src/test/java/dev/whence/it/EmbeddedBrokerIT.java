package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.app.broker.EmbeddedBroker;
import dev.whence.app.broker.EmbeddedBrokerException;
import dev.whence.app.broker.TopicInitializer;
import dev.whence.schemas.Topic;
import dev.whence.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker: topics, a record's round trip, and data kept across a restart. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedBrokerIT {

  @TempDir Path dir;

  @Test
  void createsTheWhenceTopicsAndKeepsRecordsAcrossRestarts() throws Exception {
    String key = "it-host";
    String value = "record-" + UUID.randomUUID();
    String topic = Topics.EVENTS.name();
    RecordMetadata written;
    String clusterId;

    try (EmbeddedBroker broker = EmbeddedBroker.start(dir, 0)) {
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:").endsWith(":" + broker.port());
      assertThat(broker.port()).isPositive();
      assertEveryWhenceTopicIsLaidOutAsRegistered(broker.bootstrapServers());
      written = produce(broker.bootstrapServers(), topic, key, value);
      assertThat(readAt(broker.bootstrapServers(), written)).containsExactly(key + "=" + value);
      clusterId = broker.clusterId();
    }

    try (EmbeddedBroker again = EmbeddedBroker.start(dir, 0)) {
      assertThat(again.clusterId()).isEqualTo(clusterId);
      assertThat(readAt(again.bootstrapServers(), written)).containsExactly(key + "=" + value);
      assertThat(
              TopicInitializer.ensureTopics(
                  again.bootstrapServers(), Topics.all(), Duration.ofSeconds(30)))
          .as("topics already exist, nothing to create")
          .isEmpty();
      assertEveryWhenceTopicIsLaidOutAsRegistered(again.bootstrapServers());
    }
  }

  @Test
  void refusesASecondBrokerOnTheSameDirectory() {
    try (EmbeddedBroker first = EmbeddedBroker.start(dir, 0)) {
      assertThatThrownBy(() -> EmbeddedBroker.start(dir, 0).close())
          .isInstanceOf(EmbeddedBrokerException.class)
          .hasMessageContaining(dir.toAbsolutePath().toString());
      assertThat(first.bootstrapServers()).isNotBlank();
    }
  }

  private static void assertEveryWhenceTopicIsLaidOutAsRegistered(String bootstrap)
      throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<String> names = Topics.all().stream().map(Topic::name).toList();
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      List<ConfigResource> resources =
          names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs =
          admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
      for (Topic<?, ?> t : Topics.all()) {
        assertThat(descriptions.get(t.name()).partitions())
            .as("partitions of %s", t.name())
            .hasSize(t.partitions());
        String policy =
            configs
                .get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                .value();
        assertThat(policy).as("cleanup.policy of %s", t.name()).isEqualTo(t.cleanupPolicy());
      }
    }
  }

  private static RecordMetadata produce(String bootstrap, String topic, String key, String value)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> readAt(String bootstrap, RecordMetadata at) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    TopicPartition partition = new TopicPartition(at.topic(), at.partition());
    List<String> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, at.offset());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (found.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() == at.offset()) {
            found.add(r.key() + "=" + r.value());
          }
        }
      }
    }
    return found;
  }
}
