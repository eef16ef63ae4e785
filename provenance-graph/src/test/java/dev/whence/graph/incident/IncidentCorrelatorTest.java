package dev.whence.graph.incident;

import static dev.whence.graph.incident.Alerts.SECOND;
import static dev.whence.graph.incident.Alerts.T0;
import static dev.whence.graph.incident.Alerts.exec;
import static dev.whence.graph.incident.Alerts.hop;
import static dev.whence.graph.incident.Alerts.process;
import static dev.whence.graph.incident.Alerts.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.detect.ChainStep;
import dev.whence.graph.detect.Detector;
import dev.whence.graph.model.Operation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IncidentCorrelatorTest {

  private final IncidentCorrelator correlator =
      new IncidentCorrelator(IncidentSettings.defaults(), LateralMovementRule.defaults());

  private String incident(String alertId) {
    return correlator.incidentOf(alertId).orElseThrow();
  }

  @Test
  void anAlertAloneIsItsOwnIncident() {
    IncidentChanges c = correlator.accept(exec("a1", "r", process("h", 10, 5, 1), 0));

    assertThat(c.incidents()).containsExactly(entry("a1", IncidentCorrelator.incidentIdOf("a1")));
    assertThat(c.raised()).isEmpty();
  }

  @Test
  void aChildsAlertJoinsItsParentsIncident() {
    correlator.accept(exec("parent", "r1", process("h", 10, 5), 0));
    IncidentChanges c = correlator.accept(exec("child", "r2", process("h", 11, 10, 5), 30));

    assertThat(incident("child")).isEqualTo(incident("parent"));
    assertThat(c.incidents()).containsKey("child");
  }

  @Test
  void aChildForkedBeforeItsParentsAlertIsNotInItsIncident() {
    correlator.accept(exec("parent", "r1", process("h", 10, 5), 60));
    correlator.accept(
        exec("early-child", "r2", Alerts.started("h", 11, p -> T0 + p * SECOND, 10, 5), 70));
    correlator.accept(
        exec("late-child", "r3", Alerts.started("h", 12, p -> T0 + 61 * SECOND, 10, 5), 70));

    assertThat(incident("early-child")).isNotEqualTo(incident("parent"));
    assertThat(incident("late-child")).isEqualTo(incident("parent"));
  }

  @Test
  void aSharedGrandparentAloneDoesNotJoin() {
    correlator.accept(exec("a", "r1", process("h", 10, 5, 1), 0));
    correlator.accept(exec("b", "r2", process("h", 20, 6, 1), 1));

    assertThat(incident("a")).isNotEqualTo(incident("b"));
  }

  @Test
  void siblingsJoinOnlyForTheSameRule() {
    correlator.accept(exec("a", "audit", process("h", 10, 5, 1), 0));
    correlator.accept(exec("b", "audit", process("h", 11, 5, 1), 2));
    correlator.accept(exec("c", "other", process("h", 12, 5, 1), 3));

    assertThat(incident("a")).isEqualTo(incident("b"));
    assertThat(incident("c")).isNotEqualTo(incident("a"));
  }

  @Test
  void childrenOfInitDoNotJoin() {
    correlator.accept(exec("a", "audit", process("h", 10, 1), 0));
    correlator.accept(exec("b", "audit", process("h", 11, 1), 2));

    assertThat(incident("a")).isNotEqualTo(incident("b"));
  }

  @Test
  void alertsFurtherApartThanTheWindowStaySeparate() {
    var small =
        new IncidentCorrelator(
            new IncidentSettings(Duration.ofSeconds(60), 100, 8), LateralMovementRule.defaults());
    small.accept(exec("parent", "r", process("h", 10, 5), 0));
    small.accept(exec("child", "r", process("h", 11, 10), 61));

    assertThat(small.incidentOf("child")).isNotEqualTo(small.incidentOf("parent"));
  }

  @Test
  void aBridgingAlertMergesTwoIncidentsAndReportsTheMovedOnes() {
    correlator.accept(exec("x", "r1", process("h", 10, 5), 0));
    correlator.accept(exec("y", "r2", process("h", 20, 6), 0));
    String x = incident("x");
    String y = incident("y");

    AlertUpdate bridge =
        Alerts.alert(
            "z",
            "r3",
            "h",
            step("z1", T0, Operation.WRITE, process("h", 10, 5), "h:/tmp/f"),
            step("z2", T0 + SECOND, Operation.EXECUTE, process("h", 20, 6), "h:/tmp/f"));
    IncidentChanges c = correlator.accept(bridge);

    String merged = x.compareTo(y) < 0 ? x : y;
    assertThat(incident("x")).isEqualTo(merged);
    assertThat(incident("y")).isEqualTo(merged);
    assertThat(incident("z")).isEqualTo(merged);
    assertThat(c.incidents()).containsEntry("z", merged).containsKey(merged.equals(x) ? "y" : "x");
  }

  @Test
  void aHopAndAShellOnTheServerHostRaiseLateralMovementInOneIncident() {
    AlertUpdate onClient = exec("client-alert", "shell-connects-out", process("a", 100, 50), 0);
    AlertUpdate onServer =
        Alerts.alert(
            "server-alert",
            "service-spawns-shell",
            "b",
            step("acc", T0 + 5 * SECOND, Operation.ACCEPT, process("b", 500, 1), "b/flow"),
            step("sh", T0 + 6 * SECOND, Operation.EXECUTE, process("b", 501, 500, 1), "b:/bin/sh"));
    correlator.accept(onClient);
    correlator.accept(onServer);
    assertThat(incident("client-alert")).isNotEqualTo(incident("server-alert"));

    IncidentChanges c = correlator.accept(hop("h1", "a", 100, "b", 500, 5));

    assertThat(c.raised()).hasSize(1);
    AlertUpdate lateral = c.raised().get(0);
    assertThat(lateral.id()).isEqualTo(Detector.alertId("lateral-movement", "h1-connect"));
    assertThat(lateral.ruleId()).isEqualTo("lateral-movement");
    assertThat(lateral.techniques()).contains("T1021");
    assertThat(lateral.host()).isEqualTo("b");
    assertThat(lateral.chain())
        .extracting(ChainStep::operation)
        .containsExactly(Operation.CONNECT, Operation.ACCEPT, Operation.EXECUTE);
    assertThat(lateral.chain().get(0).subject().nodeId()).isEqualTo("a/100");
    assertThat(lateral.chain().get(0).object().name()).isEqualTo("10.0.0.2:22");
    String one = incident("client-alert");
    assertThat(incident("server-alert")).isEqualTo(one);
    assertThat(incident(lateral.id())).isEqualTo(one);
    assertThat(c.incidents()).containsEntry(lateral.id(), one);
  }

  @Test
  void theLateralAlertGrowsWhenAnotherAlertLandsOnTheServer() {
    correlator.accept(hop("h1", "a", 100, "b", 500, 5));
    IncidentChanges first = correlator.accept(exec("s1", "r", process("b", 501, 500), 6));
    IncidentChanges second = correlator.accept(exec("s2", "q", process("b", 502, 501, 500), 7));

    assertThat(first.raised()).hasSize(1);
    assertThat(second.raised()).hasSize(1);
    assertThat(second.raised().get(0).id()).isEqualTo(first.raised().get(0).id());
    assertThat(second.raised().get(0).chain()).hasSize(3);
    assertThat(correlator.accept(exec("s2", "q", process("b", 502, 501, 500), 7)).raised())
        .isEmpty();
  }

  @Test
  void aWithdrawnLateralRuleRaisesNothingButTheHopStillJoins() {
    correlator.setLateralRule(null);
    correlator.accept(exec("on-a", "r", process("a", 100, 50), 4));
    IncidentChanges c = correlator.accept(exec("on-b", "r", process("b", 500, 1), 6));
    IncidentChanges hop = correlator.accept(hop("h1", "a", 100, "b", 500, 5));

    assertThat(c.raised()).isEmpty();
    assertThat(hop.raised()).isEmpty();
    assertThat(incident("on-a")).isEqualTo(incident("on-b"));
  }

  @Test
  void noLateralMovementOnOneHostOrBeforeTheAccept() {
    correlator.accept(exec("early", "r", process("b", 500, 1), 1));
    correlator.accept(hop("h1", "a", 100, "b", 500, 5));
    correlator.accept(hop("same", "b", 300, "b", 500, 9));
    IncidentChanges c = correlator.accept(exec("same-host", "r", process("b", 501, 500), 10));

    assertThat(c.raised()).hasSize(1);
    assertThat(c.raised().get(0).id())
        .isEqualTo(Detector.alertId("lateral-movement", "h1-connect"));
    assertThat(c.raised().get(0).chain()).extracting(ChainStep::eventId).doesNotContain("early-e");
  }

  @Test
  void hopsThatArriveBeforeAnyAlertJoinAlertsThroughAChainOfHops() {
    // a/100 connects to b/500, which accepts and then itself connects to c/700.
    correlator.accept(hop("h1", "a", 100, "b", 500, 5));
    correlator.accept(hop("h2", "b", 500, "c", 700, 6));
    correlator.accept(hop("unrelated", "d", 1, "e", 2, 6));
    assertThat(correlator.size()).isEqualTo(3);

    correlator.accept(exec("on-a", "r1", process("a", 100, 1), 4));
    IncidentChanges c = correlator.accept(exec("on-c", "r2", process("c", 701, 700), 7));

    assertThat(incident("on-c")).isEqualTo(incident("on-a"));
    assertThat(c.incidents()).containsKey("on-c");
    assertThat(c.raised()).extracting(AlertUpdate::ruleId).containsExactly("lateral-movement");
    assertThat(correlator.size()).isEqualTo(6);
  }

  @Test
  void expiryDropsWhatEndedAWindowAgoThenHopsThenTheOldestAlertsBeyondTheBound() {
    var small =
        new IncidentCorrelator(
            new IncidentSettings(Duration.ofSeconds(60), 2, 8), LateralMovementRule.defaults());
    small.accept(exec("old", "r", process("h", 10, 5), 0));
    small.accept(exec("mid", "r", process("h", 20, 6), 100));
    small.accept(exec("new", "r", process("h", 30, 7), 110));
    small.accept(hop("h1", "a", 1, "h", 40, 111));

    ExpiredMembers gone = small.expire(T0 + 120 * SECOND);

    assertThat(gone.alerts()).containsExactly("old");
    assertThat(gone.hops()).containsExactly("h1");
    assertThat(small.size()).isEqualTo(2);
    assertThat(small.incidentOf("old")).isEmpty();
    assertThat(small.incidentOf("mid")).isPresent();

    small.accept(exec("newest", "r", process("h", 40, 8), 115));
    assertThat(small.expire(T0 + 120 * SECOND).alerts()).containsExactly("mid");
  }

  private static java.util.Map.Entry<String, String> entry(String k, String v) {
    return java.util.Map.entry(k, v);
  }
}
