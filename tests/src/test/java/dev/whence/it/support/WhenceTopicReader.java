package dev.whence.it.support;

import dev.whence.schemas.Topic;
import dev.whence.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Creates Whence's collector topics on a test broker and reads them back from the beginning. */
public final class WhenceTopicReader {

  static {
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.DEFAULT, c -> c.getName().startsWith("dev.whence.avro.")));
  }

  private WhenceTopicReader() {}

  /** Creates whence.events, whence.events.dlq and whence.status as registered. */
  public static void createCollectorTopics(String bootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  newTopic(Topics.EVENTS), newTopic(Topics.EVENTS_DLQ), newTopic(Topics.STATUS)))
          .all()
          .get();
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static NewTopic newTopic(Topic<?, ?> topic) {
    return new NewTopic(topic.name(), topic.partitions(), (short) 1);
  }

  /**
   * Reads every record of {@code topic} from the beginning, polling until {@code done} holds for
   * what was read (checked whenever the reader has caught up with the end offsets seen last; a
   * topic that keeps growing is not waited out) or {@code timeout} passes.
   */
  public static <V> List<V> readAll(
      String bootstrap, Topic<String, V> topic, Predicate<List<V>> done, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(32 << 20));
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(p, topic.key().deserializer(), topic.value().deserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(topic.name())
          .forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> target = consumer.endOffsets(parts);
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(500))) {
          out.add(r.value());
        }
        if (reached(consumer, target)) {
          if (done.test(out)) {
            break;
          }
          target = consumer.endOffsets(parts);
        }
      }
    }
    return out;
  }
}
