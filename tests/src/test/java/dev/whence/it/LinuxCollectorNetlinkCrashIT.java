package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.CollectorStatus;
import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.SequenceGap;
import dev.whence.it.support.AuditBurst;
import dev.whence.it.support.CollectorProcess;
import dev.whence.it.support.HostAuditState;
import dev.whence.it.support.InProcessCollector;
import dev.whence.it.support.TestBroker;
import dev.whence.it.support.WhenceTopicReader;
import dev.whence.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code whence collect} as the netlink audit daemon, in a JVM of its own, killed with SIGKILL in
 * the middle of a burst and started again: whatever the kernel produced while no daemon listened is
 * gone (the design's never-drop chain), and the restarted collector reports exactly that loss on
 * {@code whence.status}, or that loss and the one event the killed collector had handed to its
 * publisher but not yet marked accepted (a loss is over-counted, never hidden). Also proves the
 * crash leaves Whence's settings in place until the restarted collector puts the host back as it
 * was.
 */
class LinuxCollectorNetlinkCrashIT {

  private static final Logger LOG = LoggerFactory.getLogger(LinuxCollectorNetlinkCrashIT.class);
  private static final String HOST = "it-netlink-crash";

  @TempDir Path tmp;
  private HostAuditState before;
  private TestBroker broker;
  private CollectorProcess collector;

  @BeforeEach
  void setUp() throws Exception {
    HostAuditState.assumeLiveAudit();
    HostAuditState.assumeGcc();
    before = HostAuditState.read();
    broker = TestBroker.start(tmp.resolve("broker"));
    WhenceTopicReader.createCollectorTopics(broker.bootstrapServers());
  }

  @AfterEach
  void restoreHost() throws Exception {
    if (collector != null && collector.isAlive()) {
      collector.terminate(Duration.ofSeconds(30));
    }
    if (broker != null) {
      broker.close();
    }
    if (before != null) {
      HostAuditState after = HostAuditState.read();
      before.forceBack();
      assertThat(after).as("host audit settings after the test").isEqualTo(before);
    }
  }

  @Test
  void lossWhileNoDaemonListensIsReportedExactly() throws Exception {
    AuditBurst burst = AuditBurst.compile(tmp.resolve("burst"));
    Path rules = tmp.resolve("test.rules");
    Files.writeString(rules, InProcessCollector.testRules());
    List<String> args =
        List.of(
            "collect",
            "--source",
            "linux-audit",
            "--mode",
            "netlink",
            "--rules",
            rules.toString(),
            "--bootstrap",
            broker.bootstrapServers(),
            "--host-id",
            HOST,
            "--data-dir",
            tmp.resolve("data").toString(),
            "--status-interval",
            "2s");
    Path log = tmp.resolve("collector.log");
    collector = CollectorProcess.start(log, args);
    assertThat(collector.awaitLog("whence collect: reading", Duration.ofSeconds(90)))
        .as("collector started: %s", collector.log())
        .isTrue();

    long total = 60_000;
    Process load = burst.start(total, 3_000);
    Thread.sleep(4_000);
    collector.kill9();
    LOG.info("collector killed with SIGKILL mid-burst");
    HostAuditState crashed = HostAuditState.read();
    assertThat(HostAuditState.rulesWithKey("whence"))
        .as("rules left by the killed run")
        .isNotEmpty();
    assertThat(crashed.backlogLimit()).isEqualTo(8192);
    assertThat(crashed.enabled()).isEqualTo(1);
    Thread.sleep(1_000);

    collector = CollectorProcess.start(log, args);
    assertThat(collector.awaitLog("AUDIT RECORDS LOST", Duration.ofSeconds(120)))
        .as("restarted collector measured the gap: %s", collector.log())
        .isTrue();
    assertThat(load.waitFor(120, TimeUnit.SECONDS)).as("burst finished").isTrue();
    Thread.sleep(3_000);
    assertThat(collector.terminate(Duration.ofSeconds(60)))
        .as("exit after SIGTERM")
        .isNotNegative();
    assertThat(HostAuditState.read()).as("restored by the restarted collector").isEqualTo(before);

    List<Event> events =
        WhenceTopicReader.readAll(
            broker.bootstrapServers(), Topics.EVENTS, all -> true, Duration.ofSeconds(60));
    List<CollectorStatus> statuses =
        WhenceTopicReader.readAll(
            broker.bootstrapServers(), Topics.STATUS, all -> true, Duration.ofSeconds(20));
    List<RejectedInput> refused =
        WhenceTopicReader.readAll(
            broker.bootstrapServers(), Topics.EVENTS_DLQ, all -> true, Duration.ofSeconds(20));
    TreeSet<Long> seen = new TreeSet<>();
    events.stream().filter(e -> e.getHost().equals(HOST)).forEach(e -> seen.add(e.getSequence()));
    TreeSet<Long> refusedSerials = new TreeSet<>();
    refused.stream()
        .filter(r -> r.getHost().equals(HOST) && r.getSequence() != null)
        .forEach(r -> refusedSerials.add(r.getSequence()));
    TreeSet<Long> absent = new TreeSet<>();
    for (long s = seen.first(); s <= seen.last(); s++) {
      if (!seen.contains(s) && !refusedSerials.contains(s)) {
        absent.add(s);
      }
    }
    CollectorStatus last = statuses.get(statuses.size() - 1);
    TreeSet<Long> reported = new TreeSet<>();
    for (SequenceGap g : last.getGaps()) {
      for (long s = g.getFrom(); s <= g.getTo(); s++) {
        reported.add(s);
      }
    }
    long burstEvents =
        events.stream()
            .filter(e -> e.getSubject().getComm() != null)
            .filter(e -> e.getSubject().getComm().toString().equals(AuditBurst.COMM))
            .count();
    TreeSet<Long> reportedButPresent = new TreeSet<>(reported);
    reportedButPresent.removeAll(absent);
    TreeSet<Long> absentButUnreported = new TreeSet<>(absent);
    absentButUnreported.removeAll(reported);
    LOG.info(
        "serials {}..{}: {} seen, {} refused to the DLQ with their serial, {} absent; status"
            + " reports {} missing in {} gaps {}; reported but present {}, absent but unreported {};"
            + " burst events in Kafka {} of {}",
        seen.first(),
        seen.last(),
        seen.size(),
        refusedSerials.size(),
        absent.size(),
        last.getMissingSequences(),
        last.getGaps().size(),
        last.getGaps(),
        reportedButPresent,
        absentButUnreported,
        burstEvents,
        total);

    assertThat(absent).as("the kill lost something (else the test proves nothing)").isNotEmpty();
    assertThat(burstEvents).as("the burst lost events").isLessThan(total);
    assertThat(last.getHost()).isEqualTo(HOST);
    assertThat(absentButUnreported)
        .as("every serial that never reached Kafka is reported")
        .isEmpty();
    assertThat(reportedButPresent)
        .as("at most the one event in hand at the kill is reported although it reached Kafka")
        .hasSizeLessThanOrEqualTo(1);
    assertThat(last.getMissingSequences()).isEqualTo(reported.size());
  }
}
