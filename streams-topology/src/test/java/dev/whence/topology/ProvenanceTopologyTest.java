package dev.whence.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.whence.avro.CollectorStatus;
import dev.whence.avro.Edge;
import dev.whence.avro.Event;
import dev.whence.avro.Node;
import dev.whence.avro.Operation;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.SourceKind;
import dev.whence.schemas.EventIds;
import dev.whence.schemas.Topics;
import dev.whence.topology.state.BufferedCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvenanceTopologyTest {

  private TopologyDriver topology;
  private TestInputTopic<String, Event> events;
  private TestInputTopic<String, byte[]> rawEvents;
  private TestOutputTopic<String, RejectedInput> deadLetters;

  @BeforeEach
  void start() {
    topology = new TopologyDriver("whence-test");
    events = topology.input(Topics.EVENTS);
    rawEvents =
        topology
            .driver()
            .createInputTopic(
                Topics.EVENTS.name(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
    deadLetters = topology.output(Topics.EVENTS_DLQ);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  @Test
  void countsEventsPerHostAndOperation() {
    events.pipeInput("web-1", TestEvents.event("web-1", 1, Operation.EXECUTE));
    events.pipeInput("web-1", TestEvents.event("web-1", 2, Operation.OPEN));
    events.pipeInput("web-1", TestEvents.event("web-1", 3, Operation.EXECUTE));
    events.pipeInput("db-1", TestEvents.event("db-1", 1, Operation.CONNECT));

    ReadOnlyKeyValueStore<String, Long> perHost = topology.counts(StoreNames.EVENTS_PER_HOST);
    ReadOnlyKeyValueStore<String, Long> perOp = topology.counts(StoreNames.EVENTS_PER_OPERATION);
    assertThat(perHost.get("web-1")).isEqualTo(3L);
    assertThat(perHost.get("db-1")).isEqualTo(1L);
    assertThat(perOp.get("web-1" + BufferedCounters.SEPARATOR + "EXECUTE")).isEqualTo(2L);
    assertThat(perOp.get("db-1" + BufferedCounters.SEPARATOR + "CONNECT")).isEqualTo(1L);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void garbageGoesToTheDeadLetterTopicWithItsBytesAndReason() {
    byte[] garbage = "type=SYSCALL not avro".getBytes(StandardCharsets.UTF_8);
    rawEvents.pipeInput("web-1", garbage);
    events.pipeInput("web-1", TestEvents.event("web-1", 1, Operation.EXECUTE));

    RejectedInput rejected = deadLetters.readValue();
    assertThat(rejected.getHost()).isEqualTo("web-1");
    assertThat(rejected.getStage()).isEqualTo("decode");
    assertThat(rejected.getReasonCode()).isEqualTo("UNDECODABLE");
    assertThat(rejected.getReason()).contains("Event");
    assertThat(rejected.getOrigin()).startsWith("whence.events-0@");
    assertThat(StandardCharsets.UTF_8.decode(rejected.getBytes()).toString())
        .isEqualTo("type=SYSCALL not avro");
    assertThat(deadLetters.isEmpty()).isTrue();
    ReadOnlyKeyValueStore<String, Long> perHost = topology.counts(StoreNames.EVENTS_PER_HOST);
    assertThat(perHost.get("web-1")).isEqualTo(1L);
  }

  @Test
  void anEventUnderAnotherHostsKeyIsRefused() {
    events.pipeInput("web-1", TestEvents.event("db-1", 1, Operation.EXECUTE));

    RejectedInput rejected = deadLetters.readValue();
    assertThat(rejected.getReasonCode()).isEqualTo("KEY_MISMATCH");
    assertThat(rejected.getReason()).contains("'web-1'").contains("'db-1'");
  }

  @Test
  void anEventTheGraphCannotMapReachesTheDeadLetterTopicWithItsBytesAsReceived() {
    Event read = TestEvents.event("web-1", 1, Operation.READ);
    read.setObject1(
        dev.whence.avro.EventObject.newBuilder()
            .setKind(dev.whence.avro.ObjectKind.FILE)
            .setFd(9)
            .build());
    byte[] bytes = Topics.EVENTS.value().serializer().serialize(Topics.EVENTS.name(), read);
    rawEvents.pipeInput("web-1", bytes);

    RejectedInput rejected = deadLetters.readValue();
    assertThat(rejected.getStage()).isEqualTo("graph");
    assertThat(rejected.getReasonCode()).isEqualTo("UNRESOLVED_DESCRIPTOR");
    assertThat(rejected.getOrigin()).startsWith("whence.events-0@");
    byte[] kept = new byte[rejected.getBytes().remaining()];
    rejected.getBytes().duplicate().get(kept);
    assertThat(kept).isEqualTo(bytes);
  }

  @Test
  void nullValuesAreRefusedNotFatal() {
    rawEvents.pipeInput("web-1", (byte[]) null);
    assertThat(deadLetters.readValue().getReasonCode()).isEqualTo("NULL_VALUE");
  }

  @Test
  void refusedRecordsReachTheDeadLetterTopicAndTheGoodOnesAroundThemAreProcessed() {
    TestOutputTopic<String, Edge> edges = topology.output(Topics.GRAPH_EDGES);
    TestOutputTopic<String, Node> nodes = topology.output(Topics.GRAPH_NODES);
    Event first = TestEvents.event("web-1", 1, Operation.EXECUTE);
    Event second = TestEvents.event("web-1", 2, Operation.OPEN);
    Event third = TestEvents.event("web-1", 3, Operation.EXECUTE);

    events.pipeInput("web-1", first);
    rawEvents.pipeInput("web-1", "not avro".getBytes(StandardCharsets.UTF_8));
    events.pipeInput("web-1", second);
    events.pipeInput("web-1", TestEvents.event("db-1", 9, Operation.EXECUTE));
    rawEvents.pipeInput("web-1", (byte[]) null);
    events.pipeInput("web-1", third);

    List<KeyValue<String, RejectedInput>> refused = deadLetters.readKeyValuesToList();
    assertThat(refused).extracting(kv -> kv.key).containsOnly("web-1");
    assertThat(refused)
        .extracting(
            kv -> kv.value.getReasonCode(),
            kv -> kv.value.getOrigin(),
            kv -> kv.value.getStage(),
            kv -> kv.value.getHost())
        .containsExactly(
            tuple("UNDECODABLE", "whence.events-0@1", "decode", "web-1"),
            tuple("KEY_MISMATCH", "whence.events-0@3", "decode", "web-1"),
            tuple("NULL_VALUE", "whence.events-0@4", "decode", "web-1"));
    assertThat(refused.get(0).value.getReason()).contains("Event");
    assertThat(refused.get(1).value.getReason()).contains("'web-1'").contains("'db-1'");
    assertThat(refused.get(2).value.getReason()).isEqualTo("record has no value");
    assertThat(StandardCharsets.UTF_8.decode(refused.get(0).value.getBytes()).toString())
        .isEqualTo("not avro");

    assertThat(edges.readValuesToList())
        .extracting(Edge::getEventId)
        .containsSubsequence(first.getId(), second.getId(), third.getId())
        .doesNotContain(EventIds.of("db-1", "boot-1", 9));
    assertThat(nodes.isEmpty()).isFalse();
    ReadOnlyKeyValueStore<String, Long> perHost = topology.counts(StoreNames.EVENTS_PER_HOST);
    ReadOnlyKeyValueStore<String, Long> perOp = topology.counts(StoreNames.EVENTS_PER_OPERATION);
    assertThat(perHost.get("web-1")).isEqualTo(3L);
    assertThat(perHost.get("db-1")).isNull();
    assertThat(perOp.get("web-1" + BufferedCounters.SEPARATOR + "EXECUTE")).isEqualTo(2L);
    assertThat(perOp.get("web-1" + BufferedCounters.SEPARATOR + "OPEN")).isEqualTo(1L);
  }

  @Test
  void rejectionsAndCollectorStatusAreKeptPerHost() {
    topology
        .input(Topics.STATUS)
        .pipeInput(
            "web-1",
            CollectorStatus.newBuilder()
                .setHost("web-1")
                .setBoot("boot-1")
                .setSource(SourceKind.LINUX_AUDIT)
                .setCollectorId("c-1")
                .setTimestampNanos(1L)
                .setMissingSequences(3)
                .setKernelLost(0L)
                .build());
    rawEvents.pipeInput("web-1", new byte[] {1, 2, 3});
    // The topology reads its own dead-letter topic back (the driver routes it) to count per host.
    assertThat(deadLetters.readValue().getReasonCode()).isEqualTo("UNDECODABLE");

    var rejected =
        topology.driver().<String, Long>getTimestampedKeyValueStore(StoreNames.REJECTED_PER_HOST);
    assertThat(rejected.get("web-1").value()).isEqualTo(1L);
    assertThat(
            topology.driver().getTimestampedKeyValueStore(StoreNames.COLLECTOR_STATUS).get("web-1"))
        .isNotNull();
  }

  @Test
  void topologyShapeMatchesTheCheckedInDescription() throws IOException {
    String actual = ProvenanceTopology.build().describe().toString();
    Path expected = Path.of("src/test/resources/topology-description.txt");
    if (Boolean.getBoolean("whence.updateTopology")) {
      Files.writeString(expected, actual);
    }
    assertThat(actual)
        .as("topology changed: review it, then rerun with -Dwhence.updateTopology=true")
        .isEqualTo(Files.readString(expected));
  }
}
