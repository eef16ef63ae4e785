package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.avro.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed real recording ../recordings/demo-linux-audit.log.gz, replayed whole. */
class DemoRecordingTest {

  static final Path DEMO = Path.of("../recordings/demo-linux-audit.log.gz");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  static CollectingSink sink;
  static AuditPipeline pipeline;
  static long lines;

  @BeforeAll
  static void replay() throws Exception {
    assertThat(Files.exists(DEMO)).as("recording at %s", DEMO.toAbsolutePath()).isTrue();
    sink = new CollectingSink();
    pipeline = new AuditPipeline(sink, "test-host", null, CLOCK);
    lines = new LinuxAuditLogReader(pipeline).read(DEMO);
  }

  @Test
  void everyLineIsAccountedFor() {
    assertThat(lines).isEqualTo(23_480);
    assertThat(pipeline.lines()).isEqualTo(lines);
    assertThat(sink.rejected).isEmpty();
    assertThat(pipeline.inFlight()).isZero();
    assertThat(pipeline.recordsInEvents() + pipeline.orphanEoe()).isEqualTo(lines);
    assertThat(pipeline.events()).isEqualTo(sink.events.size());
    assertThat(sink.positions).allSatisfy(p -> assertThat(p).isBetween(1L, lines));
  }

  @Test
  void scenarioMarkersAreExecuteEventsWithTheirArgv() {
    List<Event> markers =
        sink.events.stream()
            .filter(e -> e.getOperation() == Operation.EXECUTE)
            .filter(e -> e.getSubject().getArgv().size() == 3)
            .filter(e -> e.getSubject().getArgv().get(1).equals("whence-scenario"))
            .collect(Collectors.toList());
    List<String> names =
        markers.stream().map(e -> e.getSubject().getArgv().get(2)).collect(Collectors.toList());
    assertThat(names)
        .contains(
            "benign-shell",
            "download-execute",
            "reverse-shell",
            "web-shell",
            "credential-exfiltration",
            "persistence",
            "module-load",
            "ptrace",
            "audit-tamper",
            "privilege-drop",
            "end");
    for (Event e : markers) {
      assertThat(e.getSubject().getArgv().get(0)).isEqualTo("/bin/true");
      assertThat(e.getObject1().getPath()).isEqualTo("/bin/true");
      assertThat(e.getSuccess()).isTrue();
    }
  }

  @Test
  void reverseShellConnectHasRemoteAddressAndPort() {
    assertThat(sink.events)
        .anySatisfy(
            e -> {
              assertThat(e.getOperation()).isEqualTo(Operation.CONNECT);
              assertThat(e.getObject1().getFamily()).isEqualTo("inet");
              assertThat(e.getObject1().getRemoteAddress()).isEqualTo("10.203.0.2");
              assertThat(e.getObject1().getRemotePort()).isEqualTo(4444);
            });
  }

  @Test
  void hostAndBootAreStable() {
    // The "remote" network namespace's processes were attributed to whence-remote when recording.
    assertThat(sink.events.stream().map(Event::getHost).distinct())
        .containsExactlyInAnyOrder("whence-demo", "whence-remote");
    assertThat(pipeline.boot()).isNotNull();
    assertThat(sink.events.stream().map(Event::getId).distinct().count())
        .isEqualTo(sink.events.size());
  }

  @Test
  void operationsCoverTheScenarios() {
    Map<Operation, Long> byOp =
        sink.events.stream()
            .collect(Collectors.groupingBy(Event::getOperation, Collectors.counting()));
    assertThat(byOp)
        .containsKeys(
            Operation.EXECUTE,
            Operation.CONNECT,
            Operation.CONFIG_CHANGE,
            Operation.LOADMODULE,
            Operation.PTRACE,
            Operation.CHANGE_PRINCIPAL);
  }
}
