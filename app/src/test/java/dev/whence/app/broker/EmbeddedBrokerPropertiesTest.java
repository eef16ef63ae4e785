package dev.whence.app.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerPropertiesTest {

  @TempDir Path dir;

  @Test
  void combinedNodeOnLoopbackWithSingleReplicaInternalTopics() {
    Properties p = EmbeddedBroker.brokerProperties(dir, 19092, 19093, Map.of());

    KafkaConfig config = KafkaConfig.fromProps(p, false);
    assertThat(config.nodeId()).isEqualTo(1);
    assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
    assertThat(p.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
    assertThat(p.getProperty("log.dirs")).isEqualTo(dir.toString());
    for (String key :
        new String[] {
          "offsets.topic.replication.factor",
          "transaction.state.log.replication.factor",
          "transaction.state.log.min.isr",
          "share.coordinator.state.topic.replication.factor",
          "share.coordinator.state.topic.min.isr"
        }) {
      assertThat(p.getProperty(key)).as(key).isEqualTo("1");
    }
    assertThat(Long.parseLong(p.getProperty("log.cleaner.dedupe.buffer.size")))
        .isLessThanOrEqualTo(16L * 1024 * 1024);
  }

  @Test
  void overridesReplaceDefaults() {
    Properties p =
        EmbeddedBroker.brokerProperties(dir, 1, 2, Map.of("num.io.threads", "8", "x.y", "z"));

    assertThat(p.getProperty("num.io.threads")).isEqualTo("8");
    assertThat(p.getProperty("x.y")).isEqualTo("z");
  }

  @Test
  void portOutOfRangeIsRefusedBeforeAnythingStarts() {
    assertThatThrownBy(() -> EmbeddedBroker.start(dir, 65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
  }
}
