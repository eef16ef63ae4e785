package dev.whence.graph.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.SystemEvent;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class DetectorDeterminismTest {

  private static final String[] PATHS = {"/tmp/x", "/tmp/y", "/usr/local/bin/t", "/etc/passwd"};
  private static final int MAX_CHAIN = 8;
  private static final String[] EXES = {"/bin/sh", "/usr/bin/curl", "/tmp/x", "/usr/bin/cp"};

  @Provide
  Arbitrary<List<int[]>> scripts() {
    return Arbitraries.integers()
        .between(0, 1000)
        .array(int[].class)
        .ofSize(4)
        .list()
        .ofMinSize(1)
        .ofMaxSize(60);
  }

  static List<SystemEvent> events(List<int[]> script) {
    Events t = new Events("h1");
    Events other = new Events("h2");
    List<SystemEvent> out = new ArrayList<>();
    for (int[] s : script) {
      int pid = 10 + s[1] % 6;
      int pid2 = 10 + s[2] % 6;
      String path = PATHS[s[3] % PATHS.length];
      out.add(
          switch (s[0] % 9) {
            case 0 -> t.connect(pid, 3, s[2] % 2 == 0 ? "10.0.0.2" : "203.0.113.9", 4444);
            case 1 -> t.write(pid, path, 4);
            case 2 -> t.exec(pid, EXES[s[3] % EXES.length], "x", path);
            case 3 -> t.fork(pid, pid2 + 100);
            case 4 -> t.dup(pid, 3, s[2] % 3);
            case 5 -> t.accept(pid, 3, 4, "10.0.0.1", 80, "10.0.0.2", 5000 + s[2]);
            case 6 -> t.ptrace(pid, pid2);
            case 7 -> other.accept(pid, 3, 4, "10.0.0.2", 22, "10.0.0.9", 40000);
            default -> t.advance(s[2] * 1_000_000_000L).read(pid, path, 5);
          });
    }
    return out;
  }

  private static final DetectorConfig CONFIG = new DetectorConfig(4, MAX_CHAIN, 100, 2);

  private static List<Rule> rules() {
    return List.of(
        DetectorLinkTest.downloadExecute(),
        DetectorLinkTest.reverseShell(),
        DetectorLinkTest.webShell(),
        DetectorLinkTest.install(),
        DetectorLinkTest.lateral(),
        DetectorStateTest.execFromTmp());
  }

  static List<AlertUpdate> run(List<SystemEvent> events) {
    return run(events, Integer.MAX_VALUE);
  }

  /** Runs the events through a detector recreated over the same store every {@code restart}. */
  static List<AlertUpdate> run(List<SystemEvent> events, int restart) {
    Harness h = new Harness(CONFIG, rules().toArray(Rule[]::new));
    Detector detector = h.detector;
    List<AlertUpdate> out = new ArrayList<>();
    int n = 0;
    for (SystemEvent e : events) {
      if (++n % restart == 0) {
        detector = new Detector(rules(), h.store, CONFIG);
      }
      out.addAll(detector.apply(e, h.builder.apply(e)));
      detector.expire(e.timestampNanos());
    }
    return out;
  }

  @Property(tries = 200)
  void replayingTheSameEventsGivesTheSameAlerts(@ForAll("scripts") List<int[]> script) {
    List<SystemEvent> events = events(script);
    assertThat(run(events)).isEqualTo(run(events));
  }

  @Property(tries = 200)
  void restoringTheDetectorFromItsStoreChangesNoAlert(
      @ForAll("scripts") List<int[]> script, @ForAll @IntRange(min = 1, max = 20) int restart) {
    List<SystemEvent> events = events(script);
    assertThat(run(events, restart)).isEqualTo(run(events));
  }

  @Property(tries = 200)
  void everyAlertKeepsItsIdAndGrowsOnly(@ForAll("scripts") List<int[]> script) {
    List<AlertUpdate> alerts = run(events(script));
    java.util.Map<String, AlertUpdate> last = new java.util.HashMap<>();
    for (AlertUpdate a : alerts) {
      assertThat(a.id()).isEqualTo(Detector.alertId(a.ruleId(), a.chain().get(0).eventId()));
      assertThat(a.score()).isBetween(0.0, 100.0);
      AlertUpdate before = last.put(a.id(), a);
      if (before != null) {
        assertThat(a.chain().size()).isGreaterThanOrEqualTo(before.chain().size());
        List<ChainStep> kept =
            before.chain().size() < MAX_CHAIN
                ? before.chain()
                : before.chain().subList(0, MAX_CHAIN - 1);
        assertThat(a.chain()).as("what was reported stays").containsAll(kept);
      }
    }
  }
}
