package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whence.app.run.RulePublisher;
import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import dev.whence.it.support.TestBroker;
import dev.whence.schemas.EventIds;
import dev.whence.schemas.Topic;
import dev.whence.schemas.Topics;
import dev.whence.topology.StreamsSettings;
import dev.whence.topology.TopologyService;
import dev.whence.topology.query.AlertView;
import dev.whence.topology.rules.RuleLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule pushed on {@code whence.rules} to a running topology (real broker, exactly-once) fires
 * without a restart, and its alert is answered by {@code GET /api/alerts} and counted in {@code GET
 * /api/stats}.
 */
class AlertsApiIT {

  private static final String HOST = "whence-it";
  private static final long T = 1_795_772_615_532_000_000L;
  private static final String RULE =
      """
      id: it-marker
      version: 7
      title: Marker program executed
      severity: low
      techniques: [T1204.002]
      within: 1m
      steps:
        - operation: EXECUTE
          subject:
            exe: ["**/it-marker"]
      """;

  @TempDir Path tmp;
  private TestBroker broker;
  private TopologyService service;

  @BeforeEach
  void start() throws Exception {
    broker = TestBroker.start(tmp.resolve("broker"));
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      List<NewTopic> topics = new ArrayList<>();
      for (Topic<?, ?> t : Topics.all()) {
        topics.add(
            new NewTopic(t.name(), t.partitions(), (short) 1)
                .configs(Map.of("cleanup.policy", t.cleanupPolicy())));
      }
      admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
    }
    int httpPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      httpPort = s.getLocalPort();
    }
    service =
        TopologyService.start(
            new StreamsSettings(
                broker.bootstrapServers(),
                "whence-alerts-it",
                tmp.resolve("state"),
                true,
                "127.0.0.1:" + httpPort),
            "127.0.0.1",
            httpPort);
    service.awaitRunning(Duration.ofSeconds(90));
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aPushedRuleFiresAndItsAlertIsServed() throws Exception {
    RulePublisher.push(
        broker.bootstrapServers(),
        new RuleLoader().load(Map.of("it/marker.yaml", RULE)),
        Clock.systemUTC());

    List<AlertView> alerts = List.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    int pid = 5000;
    while (alerts.isEmpty() && System.nanoTime() < deadline) {
      produce(exec(pid++));
      Thread.sleep(500);
      alerts = service.alerts().stream().filter(a -> a.rule().equals("it-marker")).toList();
    }
    assertThat(alerts).isNotEmpty();
    assertThat(alerts.get(0).ruleVersion()).isEqualTo(7);
    assertThat(alerts.get(0).techniques()).containsExactly("T1204.002");
    assertThat(alerts.get(0).chain().get(0).subject().exe()).isEqualTo("/opt/it-marker");

    JsonNode all = get("/api/alerts?limit=1");
    assertThat(all.isArray()).isTrue();
    assertThat(all).hasSize(1);
    assertThat(all.get(0).path("rule").asText()).isNotEmpty();
    assertThat(all.get(0).path("chain").get(0).path("subject").path("pid").asInt()).isPositive();
    assertThat(get("/api/alerts?since=2100-01-01T00:00:00Z")).isEmpty();
    JsonNode stats = get("/api/stats");
    assertThat(stats.path("alerts").asLong()).isGreaterThanOrEqualTo(alerts.size());
    assertThat(stats.path("detection").path("alertsRaised").asLong()).isPositive();

    HttpResponse<String> bad = send("/api/alerts?since=yesterday");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("ISO-8601");
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private HttpResponse<String> send(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static Event exec(int pid) {
    Subject s =
        Subject.newBuilder()
            .setPid(pid)
            .setPpid(1)
            .setUid(1000L)
            .setEuid(1000L)
            .setGid(1000L)
            .setEgid(1000L)
            .setAuid(1000L)
            .setSessionId(1L)
            .setComm("it-marker")
            .setExe("/opt/it-marker")
            .setArgv(List.of("it-marker", "--run"))
            .build();
    return Event.newBuilder()
        .setId(EventIds.of(HOST, "boot-it", pid))
        .setHost(HOST)
        .setBoot("boot-it")
        .setSource(SourceKind.LINUX_AUDIT)
        .setSequence(pid)
        .setTimestampNanos(T + pid * 1_000_000L)
        .setOperation(Operation.EXECUTE)
        .setAction("execve")
        .setSuccess(true)
        .setReturnValue(0L)
        .setSubject(s)
        .setObject1(
            EventObject.newBuilder().setKind(ObjectKind.FILE).setPath("/opt/it-marker").build())
        .setRaw(Map.of())
        .build();
  }

  private void produce(Event e) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, Event> producer =
        new KafkaProducer<>(
            p, Topics.EVENTS.key().serializer(), Topics.EVENTS.value().serializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.EVENTS.name(),
                  null,
                  TimeUnit.NANOSECONDS.toMillis(e.getTimestampNanos()),
                  e.getHost(),
                  e))
          .get(30, TimeUnit.SECONDS);
    }
  }
}
