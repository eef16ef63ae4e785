package dev.whence.graph.incident;

import static dev.whence.graph.incident.Alerts.SECOND;
import static dev.whence.graph.incident.Alerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.detect.AlertProcess;
import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.detect.ChainStep;
import dev.whence.graph.model.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The grouping does not depend on the order of arrival, and matches the link closure. */
class IncidentCorrelatorPropertiesTest {

  @Property(tries = 300)
  void arrivalOrderDoesNotChangeIncidentsOrLateralAlerts(
      @ForAll("inputs") List<Object> inputs, @ForAll Random random) {
    List<Object> shuffled = new ArrayList<>(inputs);
    Collections.shuffle(shuffled, random);

    Outcome a = run(inputs);
    Outcome b = run(shuffled);

    assertThat(b.incidents).isEqualTo(a.incidents);
    assertThat(b.lateral).isEqualTo(a.lateral);
  }

  @Property(tries = 300)
  void anIncidentIsAConnectedGroupNamedAfterItsSmallestAlertIncidentId(
      @ForAll("inputs") List<Object> inputs) {
    Outcome out = run(inputs);
    List<Member> members = new ArrayList<>();
    for (Object o : inputs) {
      members.add(o instanceof AlertUpdate a ? Member.of(a) : Member.of((CrossHostHop) o));
    }
    out.lateral.values().forEach(l -> members.add(Member.of(l)));
    long window = IncidentSettings.defaults().window().toNanos();
    int[] group = new int[members.size()];
    for (int i = 0; i < group.length; i++) {
      group[i] = i;
    }
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int i = 0; i < members.size(); i++) {
        for (int j = 0; j < members.size(); j++) {
          if (group[i] != group[j] && members.get(i).linked(members.get(j), window)) {
            int from = Math.max(group[i], group[j]);
            int to = Math.min(group[i], group[j]);
            for (int k = 0; k < group.length; k++) {
              group[k] = group[k] == from ? to : group[k];
            }
            merged = true;
          }
        }
      }
    }
    Map<Integer, String> name = new HashMap<>();
    for (int i = 0; i < members.size(); i++) {
      if (!members.get(i).hop()) {
        String id = IncidentCorrelator.incidentIdOf(members.get(i).id());
        name.merge(group[i], id, (x, y) -> x.compareTo(y) <= 0 ? x : y);
      }
    }
    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < members.size(); i++) {
      if (!members.get(i).hop()) {
        expected.put(members.get(i).id(), name.get(group[i]));
      }
    }
    assertThat(out.incidents).isEqualTo(expected);
  }

  private record Outcome(Map<String, String> incidents, Map<String, AlertUpdate> lateral) {}

  private static Outcome run(List<Object> inputs) {
    IncidentCorrelator c =
        new IncidentCorrelator(IncidentSettings.defaults(), LateralMovementRule.defaults());
    Map<String, AlertUpdate> lateral = new TreeMap<>();
    List<String> ids = new ArrayList<>();
    for (Object o : inputs) {
      IncidentChanges ch;
      if (o instanceof AlertUpdate a) {
        ids.add(a.id());
        ch = c.accept(a);
      } else {
        ch = c.accept((CrossHostHop) o);
      }
      ch.raised().forEach(l -> lateral.put(l.id(), l));
    }
    ids.addAll(lateral.keySet());
    Map<String, String> incidents = new TreeMap<>();
    for (String id : ids) {
      incidents.put(id, c.incidentOf(id).orElseThrow());
    }
    return new Outcome(incidents, lateral);
  }

  @Provide
  Arbitrary<List<Object>> inputs() {
    Arbitrary<Object> alert =
        Combinators.combine(
                Arbitraries.of("r1", "r2"),
                Arbitraries.of("a", "b"),
                Arbitraries.integers().between(2, 15).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(0, 1500),
                Arbitraries.of("f1", "f2", null))
            .as(IncidentCorrelatorPropertiesTest::alertOf);
    Arbitrary<Object> hop =
        Combinators.combine(
                Arbitraries.of("a", "b"),
                Arbitraries.integers().between(2, 15),
                Arbitraries.integers().between(2, 15),
                Arbitraries.integers().between(0, 1500))
            .as((client, cpid, spid, t) -> hopOf(client, cpid, spid, t));
    return Arbitraries.oneOf(alert, alert, hop)
        .list()
        .ofMaxSize(14)
        .map(IncidentCorrelatorPropertiesTest::uniqueIds);
  }

  private static Object alertOf(
      String rule, String host, List<Integer> pids, int seconds, String object) {
    ChainStep[] steps = new ChainStep[pids.size()];
    for (int i = 0; i < pids.size(); i++) {
      steps[i] =
          Alerts.step(
              "e" + host + pids.get(i) + "-" + seconds + "-" + i,
              T0 + (seconds + i) * SECOND,
              Operation.EXECUTE,
              process(host, pids.get(i)),
              object == null ? null : host + ":" + object);
    }
    return Alerts.alert("?", rule, host, steps);
  }

  private static Object hopOf(String client, int cpid, int spid, int seconds) {
    String server = client.equals("a") ? "b" : "a";
    return Alerts.hop("?", client, cpid, server, spid, seconds);
  }

  /**
   * Process {@code host/pid} with the ancestry of a fixed tree: the parent of p is p / 2, and p
   * started p minutes after T0.
   */
  private static AlertProcess process(String host, int pid) {
    List<Integer> up = new ArrayList<>();
    for (int p = pid / 2; p >= 1; p /= 2) {
      up.add(p);
    }
    return Alerts.started(
        host, pid, p -> T0 + p * 60 * SECOND, up.stream().mapToInt(Integer::intValue).toArray());
  }

  private static List<Object> uniqueIds(List<Object> raw) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Object o = raw.get(i);
      if (o instanceof AlertUpdate a) {
        out.add(
            new AlertUpdate(
                "alert-" + i,
                a.ruleId(),
                a.ruleVersion(),
                a.title(),
                a.severity(),
                a.score(),
                a.techniques(),
                a.host(),
                a.firstSeenNanos(),
                a.lastSeenNanos(),
                a.chain()));
      } else {
        CrossHostHop h = (CrossHostHop) o;
        String id = "hop-" + i;
        out.add(
            new CrossHostHop(
                id,
                h.clientHost(),
                id + "-connect",
                h.clientNanos(),
                h.clientProcessNode(),
                h.clientHost() + "/flow-" + id,
                h.serverHost(),
                id + "-accept",
                h.serverNanos(),
                h.serverProcessNode(),
                h.service(),
                0,
                null,
                null,
                null));
      }
    }
    return out;
  }
}
