package dev.whence.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Alert;
import dev.whence.avro.ChainStep;
import dev.whence.avro.Event;
import dev.whence.avro.Operation;
import dev.whence.schemas.Topics;
import dev.whence.topology.ProvenanceTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real recording through the whole topology (test driver) with the bundled rule pack: the
 * alerts on {@code whence.alerts}, compacted by key, are those the domain raises on its own.
 */
class RecordedScenarioTopologyTest {

  static Path stateDir;
  static List<KeyValue<String, Alert>> records;
  static Map<String, Alert> compacted;
  static List<dev.whence.avro.RejectedInput> deadLetters;

  @BeforeAll
  static void replay() throws Exception {
    stateDir = Files.createTempDirectory("whence-recorded-topology");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "whence-recorded-topology");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(ProvenanceTopology.build(), props)) {
      TestInputTopic<String, Event> events =
          driver.createInputTopic(
              Topics.EVENTS.name(),
              Topics.EVENTS.key().serializer(),
              Topics.EVENTS.value().serializer());
      TestOutputTopic<String, Alert> alerts =
          driver.createOutputTopic(
              Topics.ALERTS.name(),
              Topics.ALERTS.key().deserializer(),
              Topics.ALERTS.value().deserializer());
      for (Event e : RecordedScenarioDetectionTest.recordedEvents()) {
        events.pipeInput(
            e.getHost(), e, Instant.ofEpochSecond(0, e.getTimestampNanos()).toEpochMilli());
      }
      records = alerts.readKeyValuesToList();
      deadLetters =
          driver
              .createOutputTopic(
                  Topics.EVENTS_DLQ.name(),
                  Topics.EVENTS_DLQ.key().deserializer(),
                  Topics.EVENTS_DLQ.value().deserializer())
              .readValuesToList();
    }
    compacted = new LinkedHashMap<>();
    records.forEach(kv -> compacted.put(kv.key, kv.value));
  }

  @AfterAll
  static void clean() throws IOException {
    try (Stream<Path> walk = Files.walk(stateDir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static List<Alert> ofRule(String rule) {
    return compacted.values().stream().filter(a -> a.getRuleId().equals(rule)).toList();
  }

  @Test
  void noRuleIsRefusedAndOnlyTheGraphRefusesEvents() {
    assertThat(deadLetters)
        .as(
            deadLetters.stream()
                .map(r -> r.getReasonCode() + ": " + r.getReason())
                .toList()
                .toString())
        .allSatisfy(r -> assertThat(r.getStage()).isEqualTo("graph"));
  }

  @Test
  void everyRecordIsKeyedByItsAlertId() {
    assertThat(records)
        .isNotEmpty()
        .allSatisfy(kv -> assertThat(kv.key).isEqualTo(kv.value.getId()));
  }

  @Test
  void theReverseShellAlertCarriesItsChainAndTechniques() {
    List<Alert> shells = ofRule("reverse-shell");
    assertThat(shells).isNotEmpty();
    Alert a = shells.get(0);
    assertThat(a.getTechniques()).contains("T1059.004", "T1095");
    assertThat(a.getHost()).isEqualTo("whence-demo");
    assertThat(a.getChain()).extracting(ChainStep::getOperation).contains(Operation.DUP);
    assertThat(a.getChain().get(0).getOperation()).isIn(Operation.CONNECT, Operation.ACCEPT);
    ChainStep last = a.getChain().get(a.getChain().size() - 1);
    assertThat(last.getOperation()).isEqualTo(Operation.EXECUTE);
    assertThat(last.getSubject().getExe()).matches(".*/(ba)?sh");
  }

  @Test
  void theDownloadExecuteAlertLinksTheDownloadToTheExecution() {
    List<Alert> downloads = ofRule("download-execute");
    assertThat(downloads).isNotEmpty();
    Alert a = downloads.get(0);
    assertThat(a.getTechniques()).contains("T1105");
    assertThat(a.getChain().size()).isGreaterThanOrEqualTo(2);
    assertThat(a.getChain().get(a.getChain().size() - 1).getOperation())
        .isEqualTo(Operation.EXECUTE);
    assertThat(a.getFirstSeenNanos()).isLessThanOrEqualTo(a.getLastSeenNanos());
  }

  @Test
  void theTopologyRaisesTheAlertsTheDomainRaises() throws Exception {
    Set<String> domain =
        RecordedScenarioDetectionTest.replay(
                new dev.whence.topology.rules.RuleLoader()
                    .loadDirectory(RecordedScenarioDetectionTest.ROOT.resolve("rules"))
                    .rules())
            .stream()
            .map(r -> r.alert().id())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> correlated =
        compacted.values().stream()
            .filter(a -> a.getRuleId().equals("lateral-movement"))
            .map(Alert::getId)
            .collect(Collectors.toSet());
    Set<String> detected = new TreeSet<>(compacted.keySet());
    detected.removeAll(correlated);
    assertThat(detected).isEqualTo(domain);
  }

  @Test
  void theWebShellReachedFromTheRemoteHostIsLateralMovementInOneIncident() {
    List<Alert> lateral = ofRule("lateral-movement");
    assertThat(lateral).hasSize(1);
    Alert a = lateral.get(0);
    assertThat(a.getHost()).isEqualTo("whence-demo");
    assertThat(a.getTechniques()).contains("T1021");
    assertThat(a.getChain().get(0).getOperation()).isEqualTo(Operation.CONNECT);
    assertThat(a.getChain())
        .anySatisfy(
            s -> {
              assertThat(s.getOperation()).isEqualTo(Operation.EXECUTE);
              assertThat(s.getSubject().getExe()).endsWith("dash");
            });
    Alert webShell = ofRule("service-spawns-shell").get(0);
    assertThat(a.getIncidentId()).isNotNull().isEqualTo(webShell.getIncidentId());
    assertThat(compacted.values()).allSatisfy(x -> assertThat(x.getIncidentId()).isNotNull());
  }
}
