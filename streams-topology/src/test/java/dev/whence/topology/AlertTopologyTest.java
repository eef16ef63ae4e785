package dev.whence.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Alert;
import dev.whence.avro.ChainStep;
import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.RuleSource;
import dev.whence.schemas.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertTopologyTest {

  private TopologyDriver topology;
  private TestInputTopic<String, RuleSource> rules;
  private TestOutputTopic<String, Alert> alerts;
  private TestOutputTopic<String, RejectedInput> dlq;
  private final GraphEvents host = new GraphEvents("web-1", 1_700_000_000_000_000_000L);

  @BeforeEach
  void start() {
    topology = new TopologyDriver("whence-alert-test");
    rules = topology.input(Topics.RULES);
    alerts = topology.output(Topics.ALERTS);
    dlq = topology.output(Topics.EVENTS_DLQ);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  @Test
  void aReverseShellRaisesOneAlertWithItsChainAndTechniques() {
    topology.pipe(reverseShell(200));

    List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList();
    List<Alert> shells = out.stream().map(kv -> kv.value).filter(this::isReverseShell).toList();
    assertThat(shells).hasSize(1);
    Alert a = shells.get(0);
    assertThat(out).anySatisfy(kv -> assertThat(kv.key).isEqualTo(a.getId()));
    assertThat(a.getTechniques()).contains("T1059.004", "T1095");
    assertThat(a.getHost()).isEqualTo("web-1");
    assertThat(a.getRuleVersion()).isEqualTo(1);
    assertThat(a.getChain())
        .extracting(ChainStep::getOperation)
        .startsWith(Operation.CONNECT, Operation.DUP)
        .endsWith(Operation.EXECUTE);
    ChainStep last = a.getChain().get(a.getChain().size() - 1);
    assertThat(last.getSubject().getExe()).isEqualTo("/bin/sh");
    assertThat(last.getSubject().getPid()).isEqualTo(200);
    assertThat(a.getFirstSeenNanos()).isLessThan(a.getLastSeenNanos());
  }

  @Test
  void aGrowingChainUpdatesTheSameKey() {
    topology.pipe(reverseShell(300));
    topology.pipe(List.of(host.exec(300, 1, "/bin/bash")));

    List<KeyValue<String, Alert>> shells =
        alerts.readKeyValuesToList().stream().filter(kv -> isReverseShell(kv.value)).toList();
    assertThat(shells).hasSizeGreaterThanOrEqualTo(2);
    assertThat(shells).extracting(kv -> kv.key).containsOnly(shells.get(0).key);
    assertThat(shells.get(shells.size() - 1).value.getChain().size())
        .isGreaterThan(shells.get(0).value.getChain().size());
  }

  @Test
  void aPublishedRuleFiresWithoutRestartAndIsWithdrawnByEnabledFalse() {
    topology.pipe(List.of(host.exec(400, 1, "/opt/marker")));
    assertThat(ruleIds()).doesNotContain("test-marker");

    publish("test-marker", 3, markerRule(3), true);
    topology.pipe(List.of(host.exec(401, 1, "/opt/marker")));
    List<Alert> fired = alerts.readValuesToList();
    assertThat(fired).extracting(Alert::getRuleId).contains("test-marker");
    assertThat(fired)
        .filteredOn(a -> a.getRuleId().equals("test-marker"))
        .extracting(Alert::getRuleVersion)
        .containsOnly(3);

    publish("test-marker", 4, markerRule(4), false);
    topology.pipe(List.of(host.exec(402, 1, "/opt/marker")));
    assertThat(ruleIds()).doesNotContain("test-marker");
  }

  @Test
  void aPublishedVersionOverridesTheBundledRule() {
    topology.pipe(List.of(host.exec(500, 1, "/tmp/payload")));
    assertThat(ruleIds()).contains("exec-from-tmp");

    publish("exec-from-tmp", 99, "id: exec-from-tmp\n", false);
    topology.pipe(List.of(host.exec(501, 1, "/tmp/payload2")));
    assertThat(ruleIds()).doesNotContain("exec-from-tmp");
  }

  @Test
  void aPublishedRuleThatDoesNotLoadGoesToTheDeadLetterTopicAndTheOldRulesStay() {
    publish("exec-from-tmp", 2, "id: exec-from-tmp\nversion: 2\nsteps: [\n", true);
    topology.pipe(List.of(host.exec(600, 1, "/tmp/payload")));

    assertThat(dlq.readValuesToList())
        .anySatisfy(
            r -> {
              assertThat(r.getStage()).isEqualTo("rule");
              assertThat(r.getReason()).contains("exec-from-tmp");
            });
    assertThat(alerts.readValuesToList())
        .filteredOn(a -> a.getRuleId().equals("exec-from-tmp"))
        .extracting(Alert::getRuleVersion)
        .containsOnly(1);
  }

  private List<Event> reverseShell(int pid) {
    String py = "/usr/bin/python3";
    return List.of(
        host.exec(pid, 1, py),
        host.socket(pid, py, 3),
        host.connect(pid, py, 3, "198.51.100.4", 4444),
        dup(host.exit(pid, py), 3, 0),
        dup(host.exit(pid, py), 3, 1),
        host.exec(pid, 1, "/bin/sh"));
  }

  private static Event dup(Event template, int oldFd, int newFd) {
    return Event.newBuilder(template)
        .setOperation(Operation.DUP)
        .setAction("dup2")
        .setObject1(EventObject.newBuilder().setKind(ObjectKind.SOCKET).setFd(oldFd).build())
        .setObject2(EventObject.newBuilder().setKind(ObjectKind.SOCKET).setFd(newFd).build())
        .setReturnValue((long) newFd)
        .build();
  }

  private boolean isReverseShell(Alert a) {
    return a.getRuleId().equals("reverse-shell");
  }

  private List<String> ruleIds() {
    return alerts.readValuesToList().stream().map(Alert::getRuleId).toList();
  }

  private static String markerRule(int version) {
    return """
        id: test-marker
        version: %d
        title: Marker program executed
        severity: low
        techniques: [T1204.002]
        within: 1m
        steps:
          - operation: EXECUTE
            subject:
              exe: ["**/marker"]
        """
        .formatted(version);
  }

  private void publish(String id, int version, String text, boolean enabled) {
    rules.pipeInput(
        id,
        RuleSource.newBuilder()
            .setId(id)
            .setVersion(version)
            .setText(text)
            .setOrigin("test/" + id + ".yaml")
            .setEnabled(enabled)
            .setPublishedNanos(0L)
            .build());
    topology.driver().advanceWallClockTime(Duration.ofSeconds(2));
  }
}
