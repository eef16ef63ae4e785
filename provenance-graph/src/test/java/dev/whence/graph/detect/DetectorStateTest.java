package dev.whence.graph.detect;

import static dev.whence.graph.model.Operation.CONNECT;
import static dev.whence.graph.model.Operation.EXECUTE;
import static dev.whence.graph.model.Operation.OPEN;
import static dev.whence.graph.model.Operation.PTRACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectorStateTest {

  @Test
  void aChainBeyondItsTimeBoundDoesNotMatch() {
    Harness h = new Harness(DetectorLinkTest.downloadExecute());
    Events t = new Events("h1");
    h.feed(t.connect(10, 5, "203.0.113.7", 80), t.write(10, "/tmp/x", 6), t.fork(1, 11));
    t.advance(Duration.ofMinutes(2).toNanos());
    assertThat(h.feed(t.exec(11, "/tmp/x", "/tmp/x"))).isEmpty();
    assertThat(h.detector.counters().expired()).isPositive();
  }

  @Test
  void expireCleansEveryKeyDueAndNothingElse() {
    Harness h = new Harness(DetectorLinkTest.downloadExecute());
    Events t = new Events("h1");
    h.feed(t.connect(10, 5, "203.0.113.7", 80), t.write(10, "/tmp/x", 6));
    long now = t.time;
    assertThat(h.store.keysDueBy(now, 100)).isEmpty();
    long later = now + Duration.ofMinutes(2).toNanos();
    List<String> due = h.store.keysDueBy(later, 100);
    assertThat(due).isNotEmpty();

    assertThat(h.detector.expire(later)).isEqualTo(due.size());

    assertThat(h.store.keysDueBy(Long.MAX_VALUE, 100)).isEmpty();
    for (String key : due) {
      assertThat(h.store.get(key)).isEmpty();
    }
  }

  @Test
  void theCapPerKeyDropsTheLeastAdvancedMatchAndCountsIt() {
    Rule a =
        S.rule(
            "a",
            Duration.ofMinutes(1),
            S.on("c", CONNECT),
            S.on("x", EXECUTE).link(LinkKind.SAME_PROCESS));
    Rule b =
        S.rule(
            "b",
            Duration.ofMinutes(1),
            S.on("c", CONNECT),
            S.on("x", EXECUTE).link(LinkKind.SAME_PROCESS));
    Rule c =
        S.rule(
            "c",
            Duration.ofMinutes(1),
            S.on("c", CONNECT),
            S.on("x", EXECUTE).link(LinkKind.SAME_PROCESS));
    Harness h = new Harness(new DetectorConfig(2, 32, 100, 8), a, b, c);
    Events t = new Events("h1");
    h.feed(t.connect(10, 5, "203.0.113.7", 80));

    assertThat(h.detector.counters().capDropped()).isEqualTo(1);
    List<AlertUpdate> alerts = h.feed(t.exec(10, "/bin/true", "true"));
    assertThat(alerts).hasSize(2);
  }

  @Test
  void aRepeatedSingleStepMatchGrowsOneAlert() {
    Rule ptrace = S.rule("ptrace", Duration.ofMinutes(5), S.on("attach", PTRACE));
    Harness h = new Harness(ptrace);
    Events t = new Events("h1");
    h.feed(t.fork(1, 70), t.fork(1, 71));
    List<AlertUpdate> first = h.feed(t.ptrace(70, 71));
    List<AlertUpdate> second = h.feed(t.ptrace(70, 71));

    assertThat(first).singleElement().satisfies(a -> assertThat(a.chain()).hasSize(1));
    assertThat(second).singleElement().satisfies(a -> assertThat(a.chain()).hasSize(2));
    assertThat(second.get(0).id()).isEqualTo(first.get(0).id());
    assertThat(second.get(0).score()).isGreaterThan(first.get(0).score());
    assertThat(h.detector.counters().alertsRaised()).isEqualTo(1);
    assertThat(h.detector.counters().alertsGrown()).isEqualTo(1);
  }

  @Test
  void aDirectSuppressionCoversTheEvent() {
    Suppression debuggers =
        new Suppression(
            "debugger",
            new SubjectPredicate(
                S.globs("/usr/bin/gdb"),
                List.of(),
                List.of(),
                Set.of(),
                Set.of(),
                null,
                List.of(),
                List.of()),
            null,
            null);
    Rule ptrace =
        S.rule("ptrace", Duration.ofMinutes(5), List.of(debuggers), S.on("attach", PTRACE));
    Harness h = new Harness(ptrace);
    Events t = new Events("h1");
    h.feed(t.fork(1, 70), t.fork(1, 71), t.exec(70, "/usr/bin/gdb", "gdb"));
    assertThat(h.feed(t.ptrace(70, 71))).isEmpty();
    assertThat(h.detector.counters().suppressed()).isEqualTo(1);
    h.feed(t.exec(71, "/usr/bin/evil", "evil"));
    assertThat(h.feed(t.ptrace(71, 70))).hasSize(1);
  }

  static Rule execFromTmp() {
    Suppression compiled =
        new Suppression(
            "binary written by a compiler",
            null,
            null,
            S.on("link", OPEN).access(Access.WRITE).exe("/usr/bin/ld*").build());
    return S.rule(
        "exec-from-tmp",
        Duration.ofMinutes(10),
        List.of(compiled),
        S.on("exec", EXECUTE).path("/tmp/**"));
  }

  @Test
  void anAfterSuppressionCoversWhatACompilerWrote() {
    Harness h = new Harness(execFromTmp());
    Events t = new Events("h1");
    h.feed(t.exec(80, "/usr/bin/ld", "ld", "-o", "/tmp/a.out"), t.write(80, "/tmp/a.out", 3));
    h.feed(t.fork(1, 81));
    assertThat(h.feed(t.exec(81, "/tmp/a.out", "/tmp/a.out"))).isEmpty();
    assertThat(h.detector.counters().suppressed()).isEqualTo(1);
  }

  @Test
  void anAfterSuppressionDoesNotCoverOtherFiles() {
    Harness h = new Harness(execFromTmp());
    Events t = new Events("h1");
    h.feed(t.exec(80, "/usr/bin/ld", "ld"), t.write(80, "/tmp/a.out", 3));
    h.feed(t.write(1, "/tmp/dropper", 3), t.fork(1, 81));
    assertThat(h.feed(t.exec(81, "/tmp/dropper", "/tmp/dropper"))).hasSize(1);
  }

  @Test
  void storedMatchesSurviveTheCodec() {
    Harness h = new Harness(DetectorLinkTest.reverseShell());
    Events t = new Events("h1");
    h.feed(
        t.exec(20, "/usr/bin/python3", "python3", "-c", "x é"), t.connect(20, 3, "10.1.2.3", 4444));
    List<String> keys = h.store.keysDueBy(Long.MAX_VALUE, 100);
    assertThat(keys).isNotEmpty();
    for (String key : keys) {
      List<PartialMatch> matches = h.store.get(key);
      byte[] bytes = MatchCodec.encode(7, matches);
      assertThat(MatchCodec.decode(bytes).matches()).isEqualTo(matches);
      assertThat(MatchCodec.decode(bytes).due()).isEqualTo(7);
    }
  }

  @Test
  void aNewRuleVersionDropsTheOldPartialMatches() {
    Rule v1 = DetectorLinkTest.reverseShell();
    Harness h = new Harness(v1);
    Events t = new Events("h1");
    h.feed(t.connect(20, 3, "10.1.2.3", 4444), t.dup(20, 3, 0));
    h.detector.setRules(
        List.of(
            new Rule(
                v1.id(),
                2,
                v1.title(),
                v1.severity(),
                v1.score(),
                v1.techniques(),
                v1.within(),
                v1.steps(),
                v1.suppressions())));
    assertThat(h.feed(t.exec(20, "/bin/sh", "sh"))).isEmpty();
  }
}
