package dev.whence.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Alert;
import dev.whence.avro.ChainStep;
import dev.whence.avro.Event;
import dev.whence.avro.Operation;
import dev.whence.schemas.Topics;
import dev.whence.topology.graph.GraphSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two hosts through the whole topology: curl on web-1 connects to a python server on db-1, which
 * spawns a shell; the stitched connection and the shell alert on db-1 make a lateral-movement
 * alert, and all of it is one incident.
 */
class IncidentTopologyTest {

  private TopologyDriver topology;
  private TestOutputTopic<String, Alert> alerts;
  private final Map<String, Alert> compacted = new LinkedHashMap<>();

  @BeforeEach
  void start() {
    start(GraphSettings.defaults());
  }

  private void start(GraphSettings settings) {
    if (topology != null) {
      topology.close();
    }
    compacted.clear();
    topology = new TopologyDriver(ProvenanceTopology.build(settings), "whence-incident-test");
    alerts = topology.output(Topics.ALERTS);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  private void pipe(List<Event> input) {
    topology.pipe(input);
    alerts.readKeyValuesToList().forEach(kv -> compacted.put(kv.key, kv.value));
  }

  private Alert only(String rule) {
    List<Alert> of = compacted.values().stream().filter(a -> a.getRuleId().equals(rule)).toList();
    assertThat(of).as("alerts of %s among %s", rule, compacted.values()).hasSize(1);
    return of.get(0);
  }

  @Test
  void aShellOnTheServerAfterAStitchedConnectionIsLateralMovementInOneIncident() {
    pipe(GraphScenario.both());

    Alert shell = only("service-spawns-shell");
    Alert lateral = only("lateral-movement");
    assertThat(shell.getHost()).isEqualTo("db-1");
    assertThat(lateral.getHost()).isEqualTo("db-1");
    assertThat(lateral.getTechniques()).contains("T1021");
    assertThat(lateral.getChain())
        .extracting(ChainStep::getOperation)
        .containsExactly(Operation.CONNECT, Operation.ACCEPT, Operation.EXECUTE);
    ChainStep connect = lateral.getChain().get(0);
    assertThat(connect.getObject().getName()).isEqualTo("10.0.0.2:8080");
    assertThat(lateral.getFirstSeenNanos()).isEqualTo(connect.getTimestampNanos());
    assertThat(shell.getIncidentId()).isNotNull().isEqualTo(lateral.getIncidentId());
    assertThat(compacted.values()).allSatisfy(a -> assertThat(a.getIncidentId()).isNotNull());
  }

  @Test
  void twoRunsOfOnePayloadTwentyMinutesApartAreOneIncidentOnlyWithinALongerWindow() {
    long twentyMinutes = 20L * 60 * 1_000_000_000L;
    GraphEvents web2 = new GraphEvents("web-2", GraphScenario.START);
    List<Event> input = new ArrayList<>();
    input.add(web2.exec(900, 1, "/tmp/payload"));
    input.add(web2.skip(twentyMinutes).exec(950, 1, "/tmp/payload"));

    pipe(input);
    assertThat(incidentsOf("exec-from-tmp")).as("default window, 10 minutes").hasSize(2);

    start(GraphSettings.defaults().withIncidentWindow(Duration.ofHours(1)));
    pipe(input);
    assertThat(incidentsOf("exec-from-tmp")).as("a one-hour window").hasSize(1);
  }

  @Test
  void aLateralMovementChainIsCutToTheIncidentMaxChain() {
    start(GraphSettings.defaults().withIncidentMaxChain(2));
    pipe(GraphScenario.both());

    assertThat(only("lateral-movement").getChain())
        .extracting(ChainStep::getOperation)
        .containsExactly(Operation.CONNECT, Operation.ACCEPT);
  }

  private Set<String> incidentsOf(String rule) {
    List<Alert> of = compacted.values().stream().filter(a -> a.getRuleId().equals(rule)).toList();
    assertThat(of).as("alerts of %s", rule).hasSize(2);
    return of.stream().map(a -> String.valueOf(a.getIncidentId())).collect(Collectors.toSet());
  }

  @Test
  void anUnrelatedAlertIsAnotherIncident() {
    GraphEvents other = new GraphEvents("web-2", GraphScenario.START);
    List<Event> all = new ArrayList<>(GraphScenario.both());
    all.add(other.exec(900, 1, "/tmp/payload"));
    pipe(all);

    Alert tmp = only("exec-from-tmp");
    assertThat(tmp.getIncidentId())
        .isNotNull()
        .isNotEqualTo(only("lateral-movement").getIncidentId());
  }
}
