package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whence.avro.Edge;
import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.Node;
import dev.whence.avro.NodeKind;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import dev.whence.it.support.RunningTopology;
import dev.whence.schemas.EventIds;
import dev.whence.schemas.Topic;
import dev.whence.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph topology on a real broker with {@code exactly_once_v2}, fed two hosts' events: the
 * download-execute connection of the first demo recording (made with auditd, 2026-11-27 09:43,
 * before the recording was remade by the collector). In that recording, curl (pid 7188, serial
 * 7722) on the machine connects non-blockingly (-EINPROGRESS) to 10.203.0.2:8000 and python (pid
 * 7011, serial 7724) in the network namespace accept4()s it from 10.203.0.1:43052 as fd 4, then
 * sends twice. Here the namespace-side events carry the host {@code whence-remote} (the recording
 * has one {@code node=}; the namespace is the "remote" host), with the recorded pids, serials,
 * addresses, ports and times. Derived, not recorded: the socket and bind of the listening socket
 * (python started it before the rules were installed, so the recording lacks them; the stitcher
 * needs the listening port) and the execs that introduce both processes.
 */
class GraphTopologyIT {

  private static final String CLIENT = "whence-demo";
  private static final String SERVER = "whence-remote";
  private static final long T = 1_795_772_615_532_000_000L;

  @TempDir Path tmp;
  private RunningTopology topology;

  @BeforeEach
  void start() throws Exception {
    topology = RunningTopology.start(tmp, "whence-graph-it");
  }

  @AfterEach
  void stop() {
    if (topology != null) {
      topology.close();
    }
  }

  @Test
  void aConnectionBetweenTwoHostsBecomesOneCausalPath() throws Exception {
    List<Event> events = recordedConnection();
    topology.produce(events);
    topology.produce(events);

    Map<String, Node> nodes = new HashMap<>();
    List<Edge> edges = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    Edge stitched = null;
    try (KafkaConsumer<String, Node> nodeConsumer = consumer(Topics.GRAPH_NODES);
        KafkaConsumer<String, Edge> edgeConsumer = consumer(Topics.GRAPH_EDGES)) {
      while (stitched == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Node> r : nodeConsumer.poll(Duration.ofMillis(200))) {
          nodes.put(r.key(), r.value());
        }
        for (ConsumerRecord<String, Edge> r : edgeConsumer.poll(Duration.ofMillis(200))) {
          edges.add(r.value());
        }
        stitched =
            edges.stream()
                .filter(e -> "true".equals(e.getAttributes().get("stitched")))
                .findFirst()
                .orElse(null);
      }
      assertThat(stitched).as("stitched edge within 90 s").isNotNull();
      Thread.sleep(3000);
      for (ConsumerRecord<String, Node> r : nodeConsumer.poll(Duration.ofMillis(500))) {
        nodes.put(r.key(), r.value());
      }
      for (ConsumerRecord<String, Edge> r : edgeConsumer.poll(Duration.ofMillis(500))) {
        edges.add(r.value());
      }
    }

    Edge connect =
        edges.stream().filter(e -> e.getOperation() == Operation.CONNECT).findFirst().orElseThrow();
    Node curl = nodes.get(connect.getSourceNode());
    Node python = nodes.get(stitched.getTargetNode());
    assertThat(curl.getHost()).isEqualTo(CLIENT);
    assertThat(curl.getAttributes()).containsEntry("pid", "7188");
    assertThat(python.getHost()).isEqualTo(SERVER);
    assertThat(python.getAttributes()).containsEntry("pid", "7011");
    assertThat(stitched.getSourceNode()).isEqualTo(connect.getTargetNode());
    assertThat(nodes.get(connect.getTargetNode()).getKind()).isEqualTo(NodeKind.FLOW);
    assertThat(stitched.getAttributes())
        .containsEntry("server", "10.203.0.2:8000")
        .containsEntry("client", "10.203.0.1:43052");
    for (Edge e : edges) {
      assertThat(nodes).containsKey(e.getSourceNode()).containsKey(e.getTargetNode());
    }
    assertThat(edges.stream().filter(e -> "true".equals(e.getAttributes().get("stitched"))))
        .as("the replayed copy adds nothing")
        .hasSize(1);

    JsonNode stats = topology.getJson("/api/stats");
    assertThat(stats.path("eventsIn").asLong()).isEqualTo(2L * events.size());
    assertThat(stats.path("graph").path("stitched").asLong()).isEqualTo(1);
    assertThat(stats.path("graph").path("duplicates").asLong()).isEqualTo(events.size());
    assertThat(stats.path("graph").path("nodes").path("PROCESS").asLong()).isPositive();
    assertThat(stats.path("graph").path("edges").path("CONNECT").asLong()).isEqualTo(1);
  }

  private static List<Event> recordedConnection() {
    List<Event> out = new ArrayList<>();
    Subject python = subject(7011, 6997, "python3", "/root/.pyenv/versions/3.11.7/bin/python3.11");
    Subject curl = subject(7188, 6997, "curl", "/usr/bin/curl");
    out.add(
        event(SERVER, 7000, T - 5_000_000_000L, Operation.EXECUTE, python, file(python), null, 0L));
    out.add(
        event(
            SERVER,
            7001,
            T - 4_000_000_000L,
            Operation.CREATE_OBJECT,
            python,
            socket(3, null, null, null, null),
            null,
            3L));
    out.add(
        event(
            SERVER,
            7002,
            T - 4_000_000_000L,
            Operation.BIND,
            python,
            socket(3, "0.0.0.0", 8000, null, null),
            null,
            0L));
    out.add(event(CLIENT, 7690, T - 10_000_000L, Operation.EXECUTE, curl, file(curl), null, 0L));
    Event connect =
        event(
            CLIENT,
            7722,
            T,
            Operation.CONNECT,
            curl,
            socket(5, null, null, "10.203.0.2", 8000),
            null,
            -115L);
    connect.setSuccess(false);
    out.add(connect);
    out.add(
        event(
            SERVER,
            7724,
            T + 4_000_000L,
            Operation.ACCEPT,
            python,
            socket(3, null, null, null, null),
            socket(null, null, null, "10.203.0.1", 43052),
            4L));
    out.add(
        event(
            SERVER,
            7725,
            T + 8_000_000L,
            Operation.SENDTO,
            python,
            socket(4, null, null, null, null),
            null,
            185L));
    out.add(
        event(
            SERVER,
            7726,
            T + 8_000_000L,
            Operation.SENDTO,
            python,
            socket(4, null, null, null, null),
            null,
            22L));
    return out;
  }

  private static Event event(
      String host,
      long serial,
      long nanos,
      Operation op,
      Subject subject,
      EventObject o1,
      EventObject o2,
      Long rv) {
    return Event.newBuilder()
        .setId(EventIds.of(host, "boot-demo", serial))
        .setHost(host)
        .setBoot("boot-demo")
        .setSource(SourceKind.LINUX_AUDIT)
        .setSequence(serial)
        .setTimestampNanos(nanos)
        .setOperation(op)
        .setAction(op.name().toLowerCase())
        .setSuccess(true)
        .setReturnValue(rv)
        .setSubject(Subject.newBuilder(subject).build())
        .setObject1(o1)
        .setObject2(o2)
        .setRaw(Map.of())
        .build();
  }

  private static Subject subject(int pid, int ppid, String comm, String exe) {
    return Subject.newBuilder()
        .setPid(pid)
        .setPpid(ppid)
        .setUid(0L)
        .setEuid(0L)
        .setGid(0L)
        .setEgid(0L)
        .setAuid(4294967295L)
        .setSessionId(4294967295L)
        .setComm(comm)
        .setExe(exe)
        .setArgv(List.of(comm))
        .build();
  }

  private static EventObject file(Subject s) {
    return EventObject.newBuilder().setKind(ObjectKind.FILE).setPath(s.getExe()).build();
  }

  private static EventObject socket(
      Integer fd, String local, Integer localPort, String remote, Integer remotePort) {
    return EventObject.newBuilder()
        .setKind(ObjectKind.SOCKET)
        .setFd(fd)
        .setFamily("inet")
        .setLocalAddress(local)
        .setLocalPort(localPort)
        .setRemoteAddress(remote)
        .setRemotePort(remotePort)
        .build();
  }

  private <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topology.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "graph-it-" + topic.name());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, V> c =
        new KafkaConsumer<>(p, topic.key().deserializer(), topic.value().deserializer());
    c.subscribe(List.of(topic.name()));
    return c;
  }
}
