package dev.whence.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.schemas.Topics;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

  private static final Path STATE = Path.of("/tmp/whence-state");

  @Test
  void runsTheStreamThreadsItIsGiven() {
    Properties props =
        new StreamsSettings("localhost:9092", "app", STATE, true, "h:1", 3).toProperties();

    assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(3);
    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
  }

  @Test
  void byDefaultMoreThreadsThanProcessorsSplittingThePartitionsOfTheEventsEvenly() {
    int expected =
        StreamsSettings.streamThreadsFor(
            Runtime.getRuntime().availableProcessors(), Topics.EVENTS.partitions());

    assertThat(StreamsSettings.defaultStreamThreads()).isEqualTo(expected);
    assertThat(new StreamsSettings("localhost:9092", "app", STATE, false, "h:1").streamThreads())
        .isEqualTo(StreamsSettings.defaultStreamThreads());
  }

  @Test
  void threadsForProcessorsAndPartitions() {
    assertThat(StreamsSettings.streamThreadsFor(1, 6)).isEqualTo(1);
    assertThat(StreamsSettings.streamThreadsFor(2, 6)).isEqualTo(3);
    assertThat(StreamsSettings.streamThreadsFor(3, 6)).isEqualTo(6);
    assertThat(StreamsSettings.streamThreadsFor(4, 6)).isEqualTo(6);
    assertThat(StreamsSettings.streamThreadsFor(16, 6)).isEqualTo(6);
    assertThat(StreamsSettings.streamThreadsFor(2, 12)).isEqualTo(3);
    assertThat(StreamsSettings.streamThreadsFor(4, 12)).isEqualTo(6);
    assertThat(StreamsSettings.streamThreadsFor(5, 7)).isEqualTo(7);
  }

  @Test
  void refusesThreadCountsOutsideItsBounds() {
    assertThatThrownBy(() -> new StreamsSettings("b:1", "app", STATE, true, "h:1", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("streamThreads must be in 1..64, not 0");
    assertThatThrownBy(() -> new StreamsSettings("b:1", "app", STATE, true, "h:1", 65))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("streamThreads must be in 1..64, not 65");
  }
}
