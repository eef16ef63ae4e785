package dev.whence.app.broker;

import dev.whence.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Whence topics on a cluster, each with its partition count and cleanup policy.
 *
 * <p>Idempotent: topics that already exist are left as they are. The replication factor is the
 * cluster's {@code default.replication.factor}.
 */
public final class TopicInitializer {

  private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

  private TopicInitializer() {}

  /**
   * Creates each topic of {@code topics} that does not exist yet on the cluster at {@code
   * bootstrapServers}.
   *
   * @return the names of the topics created by this call
   * @throws IllegalStateException if the cluster does not answer within {@code timeout} or refuses
   *     a topic
   */
  public static List<String> ensureTopics(
      String bootstrapServers, Collection<Topic<?, ?>> topics, Duration timeout) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "whence-topic-initializer");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(props)) {
      return ensureTopics(admin, topics, timeout);
    }
  }

  /** As {@link #ensureTopics(String, Collection, Duration)}, with a caller's admin client. */
  public static List<String> ensureTopics(
      Admin admin, Collection<Topic<?, ?>> topics, Duration timeout) {
    try {
      Set<String> existing =
          admin
              .listTopics(new ListTopicsOptions().listInternal(false))
              .names()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : topics) {
        if (!existing.contains(topic.name())) {
          missing.add(newTopic(topic));
        }
      }
      if (missing.isEmpty()) {
        return List.of();
      }
      CreateTopicsResult result = admin.createTopics(missing);
      List<String> created = new ArrayList<>();
      for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
        try {
          entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(),
                e.getCause());
          }
        }
      }
      LOG.info("created topics {}", created);
      return List.copyOf(created);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot list the topics of the cluster: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the Kafka cluster did not answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the Whence topics", e);
    }
  }

  private static NewTopic newTopic(Topic<?, ?> topic) {
    return new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty())
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy()));
  }
}
