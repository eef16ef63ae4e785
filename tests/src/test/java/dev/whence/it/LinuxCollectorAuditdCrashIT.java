package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.it.support.AuditBurst;
import dev.whence.it.support.CollectorProcess;
import dev.whence.it.support.HostAuditState;
import dev.whence.it.support.InProcessCollector;
import dev.whence.it.support.PrivateAuditd;
import dev.whence.it.support.TestBroker;
import dev.whence.it.support.WhenceTopicReader;
import dev.whence.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code whence collect} reading a private auditd's log, in a JVM of its own, killed with SIGKILL
 * in the middle of a burst of 60 000 audited system calls and started again: every serial of the
 * burst that auditd wrote reaches {@code whence.events}, and every serial delivered twice carries
 * the same event id. Also proves the crash leaves Whence's settings in place until the restarted
 * collector puts the host back as it was.
 */
class LinuxCollectorAuditdCrashIT {

  private static final Logger LOG = LoggerFactory.getLogger(LinuxCollectorAuditdCrashIT.class);
  private static final String HOST = "it-auditd-crash";
  private static final long TOTAL = 60_000;

  @TempDir Path tmp;
  private HostAuditState before;
  private TestBroker broker;
  private PrivateAuditd auditd;
  private CollectorProcess collector;

  @BeforeEach
  void setUp() throws Exception {
    HostAuditState.assumeLiveAudit();
    HostAuditState.assumeGcc();
    HostAuditState.assumeAuditdIdle();
    before = HostAuditState.read();
    broker = TestBroker.start(tmp.resolve("broker"));
    WhenceTopicReader.createCollectorTopics(broker.bootstrapServers());
  }

  @AfterEach
  void restoreHost() throws Exception {
    try {
      if (collector != null && collector.isAlive()) {
        collector.terminate(Duration.ofSeconds(30));
      }
      if (auditd != null) {
        auditd.close();
      }
      if (broker != null) {
        broker.close();
      }
    } finally {
      if (before != null) {
        HostAuditState after = HostAuditState.read();
        before.forceBack();
        assertThat(HostAuditState.read()).as("host audit settings forced back").isEqualTo(before);
        assertThat(after.rules()).as("rules after the test").isEqualTo(before.rules());
        assertThat(after.backlogLimit()).isEqualTo(before.backlogLimit());
        assertThat(after.backlogWaitTime()).isEqualTo(before.backlogWaitTime());
      }
    }
  }

  @Test
  void everySerialOfTheBurstArrivesOnceByIdAcrossAKill() throws Exception {
    AuditBurst burst = AuditBurst.compile(tmp.resolve("burst"));
    auditd = PrivateAuditd.start(Files.createDirectories(tmp.resolve("auditd")));
    HostAuditState withAuditd = HostAuditState.read();
    Path rules = tmp.resolve("test.rules");
    Files.writeString(rules, InProcessCollector.testRules());
    List<String> args =
        List.of(
            "collect",
            "--source",
            "linux-audit",
            "--mode",
            "auditd-file",
            "--auditd-conf",
            auditd.conf().toString(),
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

    Process load = burst.start(TOTAL, 6_000);
    Thread.sleep(4_000);
    collector.kill9();
    LOG.info("collector killed with SIGKILL mid-burst");
    HostAuditState crashed = HostAuditState.read();
    assertThat(HostAuditState.rulesWithKey("whence"))
        .as("rules left by the killed run")
        .isNotEmpty();
    assertThat(crashed.backlogLimit()).isEqualTo(8192);
    Thread.sleep(1_000);

    collector = CollectorProcess.start(log, args);
    assertThat(collector.awaitLog("whence collect: reading", Duration.ofSeconds(90)))
        .as("collector restarted: %s", collector.log())
        .isTrue();
    assertThat(load.waitFor(180, TimeUnit.SECONDS)).as("burst finished").isTrue();
    Thread.sleep(3_000);
    Set<Long> written = auditd.syscallSerials(AuditBurst.COMM, AuditBurst.GETPPID_X86_64);
    List<Event> events =
        WhenceTopicReader.readAll(
            broker.bootstrapServers(),
            Topics.EVENTS,
            all -> burstSerials(all).containsAll(written),
            Duration.ofSeconds(120));
    assertThat(collector.terminate(Duration.ofSeconds(60)))
        .as("exit after SIGTERM")
        .isNotNegative();
    assertThat(HostAuditState.read())
        .as("the restarted collector put back the settings it found")
        .isEqualTo(withAuditd);

    Map<Long, Set<String>> ids = new HashMap<>();
    long deliveries = 0;
    for (Event e : events) {
      if (isBurst(e)) {
        assertThat(e.getHost()).isEqualTo(HOST);
        ids.computeIfAbsent(e.getSequence(), k -> new HashSet<>()).add(e.getId());
        deliveries++;
      }
    }
    long duplicates = deliveries - ids.size();
    LOG.info(
        "auditd wrote {} burst getppid serials of {} calls; whence.events has {} distinct, {} deliveries,"
            + " {} duplicates",
        written.size(),
        TOTAL,
        ids.size(),
        deliveries,
        duplicates);
    Set<Long> missing = new TreeSet<>(written);
    missing.removeAll(ids.keySet());
    assertThat(written.size())
        .as("the burst was audited (calls during the restart's rule re-install are not)")
        .isGreaterThan((int) (TOTAL / 2));
    assertThat(missing).as("serials auditd wrote that are not in Kafka").isEmpty();
    assertThat(ids.keySet()).as("nothing invented").isEqualTo(written);
    assertThat(ids.values()).as("one event id per serial").allMatch(s -> s.size() == 1);
  }

  private static boolean isBurst(Event e) {
    return e.getSubject().getComm() != null
        && e.getSubject().getComm().toString().equals(AuditBurst.COMM)
        && "getppid".equals(String.valueOf(e.getAction()));
  }

  private static Set<Long> burstSerials(List<Event> events) {
    Set<Long> out = new HashSet<>();
    events.stream()
        .filter(LinuxCollectorAuditdCrashIT::isBurst)
        .forEach(e -> out.add(e.getSequence()));
    return out;
  }
}
