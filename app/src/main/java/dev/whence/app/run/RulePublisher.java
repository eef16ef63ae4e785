package dev.whence.app.run;

import dev.whence.avro.RuleSource;
import dev.whence.schemas.Topics;
import dev.whence.topology.rules.LoadedRule;
import dev.whence.topology.rules.RuleSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes loaded rules on {@code whence.rules} (key rule id), one {@link RuleSource} each. */
public final class RulePublisher {

  private RulePublisher() {}

  /** The record of one rule: its YAML version, its text, its file as origin. */
  public static RuleSource source(LoadedRule rule, long publishedNanos) {
    return RuleSource.newBuilder()
        .setId(rule.rule().id())
        .setVersion(Math.max(1, rule.rule().version()))
        .setFormat("yaml")
        .setText(rule.text())
        .setOrigin(rule.origin())
        .setEnabled(true)
        .setPublishedNanos(publishedNanos)
        .build();
  }

  /** Sends every rule and waits for the acknowledgements; returns how many were sent. */
  public static int push(String bootstrapServers, RuleSet rules, Clock clock)
      throws InterruptedException, ExecutionException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    Instant now = clock.instant();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    try (KafkaProducer<String, RuleSource> producer =
        new KafkaProducer<>(
            props, Topics.RULES.key().serializer(), Topics.RULES.value().serializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (LoadedRule rule : rules.loaded()) {
        sent.add(
            producer.send(
                new ProducerRecord<>(Topics.RULES.name(), rule.rule().id(), source(rule, nanos))));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
      return sent.size();
    }
  }
}
