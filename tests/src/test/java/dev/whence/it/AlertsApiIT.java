package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whence.app.run.RulePublisher;
import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import dev.whence.it.support.RunningTopology;
import dev.whence.schemas.EventIds;
import dev.whence.topology.query.AlertView;
import dev.whence.topology.rules.RuleLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private RunningTopology topology;

  @BeforeEach
  void start() throws Exception {
    topology = RunningTopology.start(tmp, "whence-alerts-it");
  }

  @AfterEach
  void stop() {
    if (topology != null) {
      topology.close();
    }
  }

  @Test
  void aPushedRuleFiresAndItsAlertIsServed() throws Exception {
    RulePublisher.push(
        topology.bootstrapServers(),
        new RuleLoader().load(Map.of("it/marker.yaml", RULE)),
        Clock.systemUTC());

    List<AlertView> alerts = List.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    int pid = 5000;
    while (alerts.isEmpty() && System.nanoTime() < deadline) {
      topology.produce(List.of(exec(pid++)));
      Thread.sleep(500);
      alerts =
          topology.service().alerts().stream().filter(a -> a.rule().equals("it-marker")).toList();
    }
    assertThat(alerts).isNotEmpty();
    assertThat(alerts.get(0).ruleVersion()).isEqualTo(7);
    assertThat(alerts.get(0).techniques()).containsExactly("T1204.002");
    assertThat(alerts.get(0).chain().get(0).subject().exe()).isEqualTo("/opt/it-marker");

    JsonNode all = topology.getJson("/api/alerts?limit=1");
    assertThat(all.isArray()).isTrue();
    assertThat(all).hasSize(1);
    assertThat(all.get(0).path("rule").asText()).isNotEmpty();
    assertThat(all.get(0).path("chain").get(0).path("subject").path("pid").asInt()).isPositive();
    assertThat(topology.getJson("/api/alerts?since=2100-01-01T00:00:00Z")).isEmpty();
    JsonNode stats = topology.getJson("/api/stats");
    assertThat(stats.path("alerts").asLong()).isGreaterThanOrEqualTo(alerts.size());
    assertThat(stats.path("detection").path("alertsRaised").asLong()).isPositive();

    HttpResponse<String> bad = topology.get("/api/alerts?since=yesterday");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("ISO-8601");
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
}
