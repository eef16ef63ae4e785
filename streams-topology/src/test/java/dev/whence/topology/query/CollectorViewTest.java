package dev.whence.topology.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whence.avro.CollectorStatus;
import dev.whence.avro.SourceKind;
import dev.whence.schemas.AvroSerde;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorViewTest {

  /** The serde LocalStats reads the status store with (it also lets Avro build these records). */
  private static final AvroSerde<CollectorStatus> SERDE = new AvroSerde<>(CollectorStatus.class);

  private static CollectorStatus heartbeat() {
    return CollectorStatus.newBuilder()
        .setHost("web-1")
        .setBoot("boot-1")
        .setSource(SourceKind.LINUX_AUDIT)
        .setCollectorId("c-1")
        .setMode("netlink")
        .setTimestampNanos(1_000L)
        .setHighestSequence(500L)
        .setMissingSequences(7)
        .setKernelBacklog(12L)
        .setEventsRead(480)
        .setEventsPublished(470)
        .setSocketOverruns(3)
        .setRecordsSpilled(12_345)
        .setReaderStalls(2)
        .build();
  }

  private static Stats statsOf(CollectorView view) {
    HostStats host = new HostStats("web-1", 470, 7, 0, 0, 0, 0, Map.of("EXEC", 470L), view, null);
    return Stats.of(List.of(host), Map.of(), 0);
  }

  @Test
  void theViewCarriesTheReadersFiguresOfTheStoredHeartbeat() {
    CollectorStatus stored = SERDE.decode(SERDE.encode(heartbeat()));

    CollectorView view = CollectorView.of(stored);

    assertThat(view.collectorId()).isEqualTo("c-1");
    assertThat(view.source()).isEqualTo("LINUX_AUDIT");
    assertThat(view.highestSequence()).isEqualTo(500L);
    assertThat(view.missingSequences()).isEqualTo(7);
    assertThat(view.kernelBacklog()).isEqualTo(12L);
    assertThat(view.eventsRead()).isEqualTo(480);
    assertThat(view.eventsPublished()).isEqualTo(470);
    assertThat(view.socketOverruns()).isEqualTo(3);
    assertThat(view.recordsSpilled()).isEqualTo(12_345);
    assertThat(view.readerStalls()).isEqualTo(2);
  }

  @Test
  void apiStatsShowsTheFiguresUnderCamelCaseNamesAndAnotherInstanceReadsThemBack()
      throws Exception {
    Stats stats = statsOf(CollectorView.of(heartbeat()));

    String json = QueryService.JSON.writeValueAsString(stats);
    JsonNode collector = QueryService.JSON.readTree(json).path("hosts").path(0).path("collector");

    assertThat(collector.path("socketOverruns").asLong(-1)).isEqualTo(3);
    assertThat(collector.path("recordsSpilled").asLong(-1)).isEqualTo(12_345);
    assertThat(collector.path("readerStalls").asLong(-1)).isEqualTo(2);
    assertThat(collector.path("eventsPublished").asLong(-1)).isEqualTo(470);
    assertThat(QueryService.JSON.readValue(json, Stats.class)).isEqualTo(stats);
  }

  @Test
  void anInstanceOfAnEarlierVersionWithoutTheFiguresIsReadAsZero() throws Exception {
    Stats stats = statsOf(CollectorView.of(heartbeat()));
    JsonNode tree = QueryService.JSON.valueToTree(stats);
    var collector = (ObjectNode) tree.path("hosts").path(0).path("collector");
    collector.remove(List.of("socketOverruns", "recordsSpilled", "readerStalls"));

    Stats read = QueryService.JSON.treeToValue(tree, Stats.class);

    CollectorView view = read.hosts().get(0).collector();
    assertThat(view.socketOverruns()).isZero();
    assertThat(view.recordsSpilled()).isZero();
    assertThat(view.readerStalls()).isZero();
    assertThat(view.eventsPublished()).isEqualTo(470);
  }
}
