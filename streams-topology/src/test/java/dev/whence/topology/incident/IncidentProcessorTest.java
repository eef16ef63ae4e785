package dev.whence.topology.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Alert;
import dev.whence.avro.Edge;
import dev.whence.graph.detect.AlertObject;
import dev.whence.graph.detect.AlertProcess;
import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.detect.ChainStep;
import dev.whence.graph.detect.Severity;
import dev.whence.graph.incident.IncidentSettings;
import dev.whence.graph.model.Ancestor;
import dev.whence.graph.model.NodeKind;
import dev.whence.graph.model.Operation;
import dev.whence.schemas.Topics;
import dev.whence.topology.StoreNames;
import dev.whence.topology.TopologyDriver;
import dev.whence.topology.detect.AlertRecords;
import dev.whence.topology.detect.DefaultRules;
import dev.whence.topology.detect.DetectionTopology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incident sub-topology alone, fed alerts and stitched edges; and its processor's restart. */
class IncidentProcessorTest {

  private static final long T0 = 1_800_000_000_000_000_000L;

  private TopologyDriver topology;
  private TestInputTopic<String, Alert> alertsIn;
  private TestInputTopic<String, Edge> edgesIn;
  private TestOutputTopic<String, Alert> alertsOut;
  private final Map<String, Alert> compacted = new LinkedHashMap<>();

  @BeforeEach
  void start() {
    StreamsBuilder builder = new StreamsBuilder();
    DetectionTopology.addStores(builder);
    IncidentTopology.addTo(
        builder,
        builder.stream("alerts-in", Consumed.with(Topics.ALERTS.key(), Topics.ALERTS.value())),
        builder.stream(
            "edges-in", Consumed.with(Topics.GRAPH_EDGES.key(), Topics.GRAPH_EDGES.value())),
        IncidentSettings.defaults(),
        DefaultRules.load());
    topology = new TopologyDriver(builder.build(), "whence-incident-processor-test");
    alertsIn = topology.input("alerts-in", Topics.ALERTS);
    edgesIn = topology.input("edges-in", Topics.GRAPH_EDGES);
    alertsOut = topology.output(Topics.ALERTS);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  private void drain() {
    alertsOut.readKeyValuesToList().forEach(kv -> compacted.put(kv.key, kv.value));
  }

  @Test
  void aRestartedProcessorRebuildsItsGroupingFromTheStore() {
    KeyValueStore<String, byte[]> state = inMemory(StoreNames.INCIDENT_STATE);
    KeyValueStore<String, byte[]> rules = inMemory(StoreNames.PUBLISHED_RULES);
    MockProcessorContext<String, Alert> before = context(state, rules);
    IncidentProcessor first =
        new IncidentProcessor(IncidentSettings.defaults(), DefaultRules.load());
    first.init(before);
    first.process(new Record<>("x", new IncidentInput.AlertIn(alert("on-a", "a", 100, 50, 0)), 0L));
    first.process(
        new Record<>("x", new IncidentInput.AlertIn(alert("on-b", "b", 501, 500, 6)), 0L));
    first.close();

    MockProcessorContext<String, Alert> after = context(state, rules);
    IncidentProcessor second =
        new IncidentProcessor(IncidentSettings.defaults(), DefaultRules.load());
    second.init(after);
    second.process(new Record<>("x", new IncidentInput.HopIn(stitched("a", 100, "b", 500, 5)), 0L));

    Map<String, Alert> out = new LinkedHashMap<>();
    before.forwarded().forEach(f -> out.put(f.record().key(), f.record().value()));
    after.forwarded().forEach(f -> out.put(f.record().key(), f.record().value()));
    Alert lateral =
        out.values().stream()
            .filter(a -> a.getRuleId().equals("lateral-movement"))
            .findFirst()
            .orElseThrow();
    assertThat(out).containsKeys("on-a", "on-b", lateral.getId());
    assertThat(out.get("on-a").getIncidentId())
        .isEqualTo(out.get("on-b").getIncidentId())
        .isEqualTo(lateral.getIncidentId());
    assertThat(lateral.getChain()).hasSize(2);
  }

  @Test
  void aBurstOfHopsIsBoundedBeforeStreamTimeReachesTheNextExpiry() {
    KeyValueStore<String, byte[]> state = inMemory(StoreNames.INCIDENT_STATE);
    KeyValueStore<String, byte[]> rules = inMemory(StoreNames.PUBLISHED_RULES);
    IncidentSettings small =
        new IncidentSettings(
            IncidentSettings.defaults().window(), 20, IncidentSettings.defaults().maxChain());
    IncidentProcessor processor = new IncidentProcessor(small, DefaultRules.load());
    processor.init(context(state, rules));
    for (int i = 0; i < 200; i++) {
      processor.process(
          new Record<>("x", new IncidentInput.HopIn(stitched("a", 1000 + i, "b", 500, 5)), 0L));
    }

    long kept;
    try (var it = state.all()) {
      kept = 0;
      while (it.hasNext()) {
        kept += it.next().key.startsWith("h/") ? 1 : 0;
      }
    }
    assertThat(kept).isBetween(20L, 22L);
  }

  private static KeyValueStore<String, byte[]> inMemory(String name) {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled()
        .build();
  }

  private static MockProcessorContext<String, Alert> context(
      KeyValueStore<String, byte[]> state, KeyValueStore<String, byte[]> rules) {
    MockProcessorContext<String, Alert> context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(1_000L);
    if (!state.isOpen()) {
      state.init(context.getStateStoreContext(), state);
      rules.init(context.getStateStoreContext(), rules);
    }
    context.addStateStore(state);
    context.addStateStore(rules);
    return context;
  }

  @Test
  void anEdgeThatIsNotACrossHostStitchIsIgnored() {
    alertsIn.pipeInput("x", alert("on-b", "b", 501, 500, 6));
    edgesIn.pipeInput("flow", stitched("b", 100, "b", 500, 5));
    Edge plain = Edge.newBuilder(stitched("a", 100, "b", 500, 5)).setAttributes(Map.of()).build();
    edgesIn.pipeInput("flow", plain);
    drain();

    assertThat(compacted).containsOnlyKeys("on-b");
  }

  private static Alert alert(String id, String host, int pid, int parent, long seconds) {
    long t = T0 + seconds * 1_000_000_000L;
    AlertProcess p =
        new AlertProcess(
            host + "/" + pid,
            pid,
            "/bin/sh",
            List.of("sh"),
            0L,
            t,
            List.of(new Ancestor(host + "/" + parent, parent, "/srv", List.of(), 0L, t)));
    ChainStep step =
        new ChainStep(
            id + "-event",
            t,
            Operation.EXECUTE,
            p,
            new AlertObject(host + "/f", NodeKind.FILE, "f"));
    return AlertRecords.alert(
        new AlertUpdate(
            id, "r", 1, "r", Severity.HIGH, 75, List.of("T0000"), host, t, t, List.of(step)));
  }

  private static Edge stitched(String client, int cpid, String server, int spid, long seconds) {
    long t = T0 + seconds * 1_000_000_000L;
    return Edge.newBuilder()
        .setId("stitch-" + client + cpid)
        .setEventId(server + "-accept")
        .setHost(server)
        .setOperation(dev.whence.avro.Operation.ACCEPT)
        .setSourceNode(client + "/flow")
        .setTargetNode(server + "/" + spid)
        .setTimestampNanos(t)
        .setSequence(7)
        .setAttributes(
            Map.of(
                "stitched",
                "true",
                "clientHost",
                client,
                "clientEventId",
                client + "-connect",
                "clientProcessNode",
                client + "/" + cpid,
                "clientTimestampNanos",
                Long.toString(t - 1000),
                "server",
                "10.0.0.2:22"))
        .build();
  }
}
