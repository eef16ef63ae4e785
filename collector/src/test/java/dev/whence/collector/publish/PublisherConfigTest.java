package dev.whence.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class PublisherConfigTest {

  private final PublisherConfig defaults =
      PublisherConfig.defaults("127.0.0.1:9092", Path.of("spool"));

  @Test
  void producerIsIdempotentWithAllAcksAndUnlimitedRetries() {
    Properties p = defaults.producerProperties();
    assertThat(p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo("true");
    assertThat(p.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
    assertThat(p.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)).isEqualTo("5");
    assertThat(p.get(ProducerConfig.RETRIES_CONFIG)).isEqualTo(Integer.toString(Integer.MAX_VALUE));
    assertThat(p.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("lz4");
    assertThat(p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo("30000");
  }

  @Test
  void overridesApplyLast() {
    Properties p =
        defaults
            .withProducerOverrides(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"))
            .producerProperties();
    assertThat(p.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("zstd");
  }

  @Test
  void refusesADeliveryTimeoutShorterThanARequest() {
    assertThatThrownBy(
            () ->
                defaults.withTimeouts(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deliveryTimeout");
  }

  @Test
  void refusesASpoolTooSmallForTheLargestRecord() {
    assertThatThrownBy(() -> defaults.withSpool(1_000_000, 1_000_000, defaults.spoolSync()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRecordBytes");
  }
}
