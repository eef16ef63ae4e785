package dev.whence.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Edge;
import dev.whence.avro.Event;
import dev.whence.avro.Node;
import dev.whence.avro.NodeKind;
import dev.whence.avro.Operation;
import dev.whence.avro.RejectedInput;
import dev.whence.graph.build.GraphConfig;
import dev.whence.topology.graph.GraphCounterNames;
import dev.whence.topology.graph.GraphSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

class GraphTopologyTest {

  private static GraphHarness run(List<Event> events) {
    return new GraphHarness().pipe(events);
  }

  @Test
  void processesForkExecuteAndExit() {
    try (GraphHarness g = run(GraphScenario.client())) {
      Node bash = g.process("web-1", 100);
      Node curl = g.process("web-1", 101);
      assertThat(curl.getAttributes().get("exe")).isEqualTo("/usr/bin/curl");
      assertThat(curl.getEntityId()).isNotEqualTo(bash.getEntityId());
      assertThat(g.edges(Operation.FORK))
          .anyMatch(e -> e.getTargetNode().startsWith("") && isProcess(g, e.getTargetNode()));
      assertThat(g.edges(Operation.EXECUTE))
          .anyMatch(
              e ->
                  e.getTargetNode().equals(curl.getId())
                      && "/usr/bin/curl".equals(g.nodes.get(e.getSourceNode()).getName()));
      assertThat(
              g.path(
                  bash.getEntityId().equals(bash.getId()) ? bash.getId() : firstVersion(g, bash),
                  curl.getId()))
          .isTrue();
    }
  }

  @Test
  void filesAreWrittenRenamedAndUnlinked() {
    try (GraphHarness g = run(GraphScenario.client())) {
      String curl = g.process("web-1", 101).getId();
      Edge write =
          g.edges(Operation.WRITE).stream()
              .filter(e -> e.getSourceNode().equals(curl))
              .filter(e -> g.nodes.get(e.getTargetNode()).getKind() == NodeKind.FILE)
              .findFirst()
              .orElseThrow();
      assertThat(g.nodes.get(write.getTargetNode()).getName()).isEqualTo("/tmp/out");
      assertThat(g.edges(Operation.RENAME)).hasSize(1);
      assertThat(g.edges(Operation.UNLINK))
          .anyMatch(e -> e.getSourceNode().equals(curl) && e.getActorNode() == null);
      assertThat(g.path(curl, g.edges(Operation.RENAME).get(0).getTargetNode())).isTrue();
    }
  }

  @Test
  void aPipeCarriesDataFromTheWriterToTheReadingChild() {
    try (GraphHarness g = run(GraphScenario.client())) {
      Edge write =
          g.edges(Operation.WRITE).stream()
              .filter(e -> g.nodes.get(e.getTargetNode()).getKind() == NodeKind.PIPE)
              .findFirst()
              .orElseThrow();
      Edge read = g.edges(Operation.READ).get(0);
      assertThat(read.getSourceNode()).isEqualTo(write.getTargetNode());
      assertThat(read.getTargetNode()).isEqualTo(g.process("web-1", 102).getId());
    }
  }

  @Test
  void aPrivilegeChangeGivesTheProcessANewImage() {
    try (GraphHarness g = run(GraphScenario.client())) {
      Edge change = g.edges(Operation.CHANGE_PRINCIPAL).get(0);
      Node target = g.nodes.get(change.getTargetNode());
      assertThat(target.getKind()).isEqualTo(NodeKind.PROCESS);
      assertThat(target.getAttributes().get("euid")).isEqualTo("0");
      Node before = g.nodes.get(change.getSourceNode());
      assertThat(before.getEntityId()).isEqualTo(target.getEntityId());
      assertThat(before.getAttributes().get("euid")).isEqualTo("1000");
    }
  }

  @Test
  void aConnectOnOneHostAndTheAcceptOnAnotherAreStitched() {
    try (GraphHarness g = run(GraphScenario.both())) {
      String curl = g.process("web-1", 101).getId();
      String python = g.process("db-1", 500).getId();
      Edge connect = g.edges(Operation.CONNECT).get(0);
      Edge stitched =
          g.edges(Operation.ACCEPT).stream()
              .filter(e -> "true".equals(e.getAttributes().get("stitched")))
              .findFirst()
              .orElseThrow();
      assertThat(connect.getSourceNode()).isEqualTo(curl);
      assertThat(stitched.getSourceNode()).isEqualTo(connect.getTargetNode());
      assertThat(g.nodes.get(stitched.getSourceNode()).getKind()).isEqualTo(NodeKind.FLOW);
      assertThat(stitched.getAttributes())
          .containsEntry("clientHost", "web-1")
          .containsEntry("server", "10.0.0.2:8080")
          .containsEntry("client", "10.0.0.1:40000");
      assertThat(stitched.getId())
          .as("the id of earlier releases")
          .isEqualTo("c7a4ba66-a2ac-5bd3-85ff-313a95020470");
      assertThat(g.path(curl, python)).isTrue();
      assertThat(g.path(curl, g.process("db-1", 501).getId())).isTrue();
      ReadOnlyKeyValueStore<String, Long> stitch = g.counts(StoreNames.STITCH_COUNTERS);
      assertThat(stitch.get("db-1|" + GraphCounterNames.STITCHED)).isEqualTo(1L);
    }
  }

  @Test
  void aServerClockThirtySecondsAheadIsStitchedOnlyWithinAWiderStitchWindow() {
    List<Event> skewed = new ArrayList<>(GraphScenario.client());
    skewed.addAll(GraphScenario.server(GraphScenario.START + 30_000_000_000L));

    try (GraphHarness g = new GraphHarness().pipe(skewed)) {
      assertThat(stitchedAccepts(g)).as("default window, 10 s").isZero();
    }
    GraphSettings wide = GraphSettings.defaults().withStitchWindow(Duration.ofMinutes(1));
    try (GraphHarness g = new GraphHarness(wide).pipe(skewed)) {
      assertThat(stitchedAccepts(g)).as("a one-minute window").isEqualTo(1);
    }
  }

  @Test
  void aProcessIdleLongerThanTheProcessIdleTtlComesBackAsANewProcess() {
    GraphEvents a = new GraphEvents(GraphScenario.CLIENT, GraphScenario.START);
    String worker = "/usr/bin/worker";
    List<Event> events = new ArrayList<>();
    events.add(a.exec(300, 1, worker));
    events.add(a.open(300, worker, "/var/log/w1", 3, GraphScenario.O_WRONLY_CREAT));
    a.skip(Duration.ofHours(2).toNanos());
    events.add(a.exec(400, 1, "/usr/bin/true"));
    events.add(a.open(300, worker, "/var/log/w2", 4, GraphScenario.O_WRONLY_CREAT));

    try (GraphHarness g = new GraphHarness().pipe(events)) {
      assertThat(processEntities(g, 300)).as("default process-idle-ttl, 12 h").hasSize(1);
    }
    GraphSettings oneHour =
        GraphSettings.defaults()
            .withRetention(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(7));
    try (GraphHarness g = new GraphHarness(oneHour).pipe(events)) {
      assertThat(processEntities(g, 300)).as("process-idle-ttl 1 h").hasSize(2);
    }
  }

  @Test
  void anExitedProcessIsForgottenAfterItsGraceAtTheNextExpiryPass() {
    GraphEvents a = new GraphEvents(GraphScenario.CLIENT, GraphScenario.START);
    String worker = "/usr/bin/worker";
    List<Event> events = new ArrayList<>();
    events.add(a.exec(300, 1, worker));
    events.add(a.exit(300, worker));
    a.skip(Duration.ofMinutes(2).toNanos());
    events.add(a.exec(400, 1, "/usr/bin/true"));
    GraphSettings defaults = GraphSettings.defaults();
    GraphConfig config = defaults.config();

    assertThat(processesExpired(events, defaults)).as("grace 1 min, a pass every 10 s").isOne();
    GraphSettings longGrace =
        defaults.withRetention(config.processIdleTtl(), Duration.ofHours(1), config.fileIdleTtl());
    assertThat(processesExpired(events, longGrace)).as("grace 1 h").isZero();
    GraphSettings rarePasses = defaults.withExpiryInterval(Duration.ofHours(1));
    assertThat(processesExpired(events, rarePasses)).as("a pass every hour").isZero();
  }

  private static Set<String> processEntities(GraphHarness g, int pid) {
    Set<String> entities = new HashSet<>();
    for (Node n : g.nodes.values()) {
      if (n.getKind() == NodeKind.PROCESS
          && String.valueOf(pid).equals(n.getAttributes().get("pid"))) {
        entities.add(n.getEntityId());
      }
    }
    return entities;
  }

  private static long processesExpired(List<Event> events, GraphSettings settings) {
    try (GraphHarness g = new GraphHarness(settings).pipe(events)) {
      Long expired =
          g.counts(StoreNames.GRAPH_COUNTERS)
              .get(GraphCounterNames.ALL_HOSTS + "|" + GraphCounterNames.EXPIRED + "processes");
      return expired == null ? 0 : expired;
    }
  }

  private static long stitchedAccepts(GraphHarness g) {
    return g.edges(Operation.ACCEPT).stream()
        .filter(e -> "true".equals(e.getAttributes().get("stitched")))
        .count();
  }

  @Test
  void anAcceptIsStitchedToTheNearestMatchingConnectThenTheSmallestEventId() {
    long s = GraphScenario.START + 5_000_000_000L;
    List<Event> events = new ArrayList<>();
    Event far = clientConnect(events, "far", s - 2_000_000_000L, "10.0.0.2");
    // 1 ms from the accept, but to another address: not a candidate, the walk goes on past it.
    clientConnect(events, "elsewhere", s + 1_000_000L, "10.0.0.9");
    Event after = clientConnect(events, "after", s + 500_000_000L, "10.0.0.2");
    Event before = clientConnect(events, "before", s - 494_000_000L, "10.0.0.2");
    GraphEvents b = new GraphEvents("db-1", s);
    events.add(b.socket(9, "/usr/bin/nc", 3));
    events.add(b.bind(9, "/usr/bin/nc", 3, "10.0.0.2", 8080));
    events.add(b.accept(9, "/usr/bin/nc", 3, 4, "10.0.0.1", 40000));
    assertThat(Math.abs(after.getTimestampNanos() - (s + 3_000_000L)))
        .isEqualTo(Math.abs(before.getTimestampNanos() - (s + 3_000_000L)));
    Event tieWinner = after.getId().compareTo(before.getId()) < 0 ? after : before;

    try (GraphHarness g = run(events)) {
      List<Edge> stitched =
          g.edges(Operation.ACCEPT).stream()
              .filter(e -> "true".equals(e.getAttributes().get("stitched")))
              .toList();
      assertThat(stitched).hasSize(1);
      assertThat(stitched.get(0).getAttributes())
          .containsEntry("clientHost", tieWinner.getHost())
          .containsEntry("clientEventId", tieWinner.getId());
      assertThat(far.getId()).isNotEqualTo(tieWinner.getId());
    }
  }

  /** A client host {@code name} whose connect to {@code address}:8080 happens at {@code at}. */
  private static Event clientConnect(List<Event> events, String name, long at, String address) {
    GraphEvents c = new GraphEvents(name, at - 2_000_000L);
    events.add(c.socket(7, "/usr/bin/curl", 3));
    Event connect = c.connect(7, "/usr/bin/curl", 3, address, 8080);
    events.add(connect);
    return connect;
  }

  @Test
  void aConnectionToAnotherPortOrOutsideTheWindowIsNotStitched() {
    GraphEvents a = new GraphEvents("web-1", GraphScenario.START);
    GraphEvents b = new GraphEvents("db-1", GraphScenario.START + 60_000_000_000L);
    List<Event> events = new ArrayList<>();
    events.add(a.socket(7, "/usr/bin/nc", 3));
    events.add(a.connect(7, "/usr/bin/nc", 3, "10.0.0.2", 8080));
    events.add(a.connect(7, "/usr/bin/nc", 3, "10.0.0.2", 9090));
    events.add(b.socket(9, "/usr/bin/nc", 3));
    events.add(b.bind(9, "/usr/bin/nc", 3, "10.0.0.2", 8080));
    events.add(b.accept(9, "/usr/bin/nc", 3, 4, "10.0.0.1", 40000));
    try (GraphHarness g = run(events)) {
      assertThat(g.edges(Operation.ACCEPT))
          .noneMatch(e -> "true".equals(e.getAttributes().get("stitched")));
    }
  }

  @Test
  void everyEdgeJoinsNodesThatWereEmitted() {
    try (GraphHarness g = run(GraphScenario.both())) {
      assertThat(g.edges).isNotEmpty();
      for (KeyValue<String, Edge> kv : g.edges) {
        assertThat(kv.key).isEqualTo(kv.value.getSourceNode());
        assertThat(g.nodes).containsKey(kv.value.getSourceNode());
        assertThat(g.nodes).containsKey(kv.value.getTargetNode());
      }
      g.nodes.forEach((id, n) -> assertThat(n.getId()).isEqualTo(id));
    }
  }

  @Test
  void replayingTheEventsAgainOrWithDuplicatesChangesNothing() {
    List<Event> events = GraphScenario.both();
    List<Event> withDuplicates = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      withDuplicates.add(events.get(i));
      if (i % 3 == 0) {
        withDuplicates.add(events.get(i));
      }
      if (i % 5 == 4) {
        withDuplicates.add(events.get(i - 3));
      }
    }
    List<Event> twice = new ArrayList<>(events);
    twice.addAll(events);
    try (GraphHarness once = run(events);
        GraphHarness again = run(twice);
        GraphHarness dup = run(withDuplicates)) {
      assertThat(again.nodeView()).isEqualTo(once.nodeView());
      assertThat(again.edgeSet()).isEqualTo(once.edgeSet());
      assertThat(dup.nodeView()).isEqualTo(once.nodeView());
      assertThat(dup.edgeSet()).isEqualTo(once.edgeSet());
      ReadOnlyKeyValueStore<String, Long> counters = again.counts(StoreNames.GRAPH_COUNTERS);
      assertThat(counters.get("web-1|" + GraphCounterNames.DUPLICATES))
          .isEqualTo((long) GraphScenario.client().size());
    }
  }

  @Test
  void anEventTheGraphRefusesGoesToTheDeadLetterTopic() {
    GraphEvents a = new GraphEvents("web-1", GraphScenario.START);
    Event bad = a.withPid(a.exec(100, 1, "/usr/bin/bash"), -5);
    try (GraphHarness g = run(List.of(bad))) {
      RejectedInput r =
          g.deadLetters.stream()
              .filter(d -> d.getStage().equals("graph"))
              .findFirst()
              .orElseThrow();
      assertThat(r.getReasonCode()).isEqualTo("INVALID_PID");
      assertThat(r.getHost()).isEqualTo("web-1");
      assertThat(r.getBytes().remaining()).isPositive();
      ReadOnlyKeyValueStore<String, Long> counters = g.counts(StoreNames.GRAPH_COUNTERS);
      assertThat(counters.get("web-1|" + GraphCounterNames.REJECTED)).isEqualTo(1L);
    }
  }

  @Test
  void countersGiveNodesByKindAndEdgesByOperation() {
    try (GraphHarness g = run(GraphScenario.both())) {
      ReadOnlyKeyValueStore<String, Long> counters = g.counts(StoreNames.GRAPH_COUNTERS);
      long processNodes =
          g.nodes.values().stream()
              .filter(n -> n.getKind() == NodeKind.PROCESS && n.getHost().equals("web-1"))
              .count();
      assertThat(counters.get("web-1|" + GraphCounterNames.NODES + "PROCESS"))
          .isEqualTo(processNodes);
      assertThat(counters.get("web-1|" + GraphCounterNames.EDGES + "FORK")).isEqualTo(2L);
    }
  }

  private static boolean isProcess(GraphHarness g, String id) {
    Node n = g.nodes.get(id);
    return n != null && n.getKind() == NodeKind.PROCESS;
  }

  private static String firstVersion(GraphHarness g, Node n) {
    Set<String> ids = new HashSet<>();
    return g.nodes.values().stream()
        .filter(x -> x.getEntityId().equals(n.getEntityId()) && x.getVersion() == 0)
        .map(Node::getId)
        .filter(ids::add)
        .findFirst()
        .orElse(n.getId());
  }
}
