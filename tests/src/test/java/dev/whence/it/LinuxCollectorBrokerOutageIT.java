package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.collector.linux.run.CollectorCounters;
import dev.whence.it.support.AuditBurst;
import dev.whence.it.support.HostAuditState;
import dev.whence.it.support.InProcessCollector;
import dev.whence.it.support.TestBroker;
import dev.whence.it.support.WhenceTopicReader;
import dev.whence.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector (netlink mode, in this JVM) while the broker is stopped for 30 s in the middle of a
 * burst: events pile up in the disk spool, drain once the broker is back, and every serial of the
 * run reaches {@code whence.events}.
 */
class LinuxCollectorBrokerOutageIT {

  private static final Logger LOG = LoggerFactory.getLogger(LinuxCollectorBrokerOutageIT.class);
  private static final String HOST = "it-broker-outage";
  private static final long TOTAL = 40_000;

  @TempDir Path tmp;
  private HostAuditState before;
  private TestBroker broker;

  @BeforeEach
  void setUp() throws Exception {
    HostAuditState.assumeLiveAudit();
    HostAuditState.assumeGcc();
    before = HostAuditState.read();
    broker = TestBroker.start(tmp.resolve("broker"));
    WhenceTopicReader.createCollectorTopics(broker.bootstrapServers());
  }

  @AfterEach
  void restoreHost() {
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
  void eventsSpooledDuringAnOutageAllArrive() throws Exception {
    AuditBurst burst = AuditBurst.compile(tmp.resolve("burst"));
    long maxSpoolDepth = 0;
    CollectorCounters end;
    try (InProcessCollector collector =
        InProcessCollector.netlink(tmp.resolve("data"), broker.bootstrapServers(), HOST)) {
      Process load = burst.start(TOTAL, 2_000);
      Thread.sleep(3_000);
      broker.stop();
      LOG.info("broker stopped");
      long downUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < downUntil) {
        maxSpoolDepth = Math.max(maxSpoolDepth, collector.collector().counters().spoolDepth());
        Thread.sleep(500);
      }
      broker.restart();
      LOG.info("broker restarted; spool depth reached {}", maxSpoolDepth);
      assertThat(load.waitFor(120, TimeUnit.SECONDS)).as("burst finished").isTrue();
      long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (collector.collector().counters().spoolDepth() > 0 && System.nanoTime() < drainUntil) {
        Thread.sleep(500);
      }
      Thread.sleep(1_000);
      end = collector.collector().counters();
    }
    assertThat(maxSpoolDepth).as("records waited in the spool during the outage").isPositive();
    assertThat(end.missingSequences()).as("serials missing in the collector's view").isZero();

    List<Event> events =
        WhenceTopicReader.readAll(
            broker.bootstrapServers(),
            Topics.EVENTS,
            all -> all.stream().filter(LinuxCollectorBrokerOutageIT::isBurst).count() >= TOTAL,
            Duration.ofSeconds(90));
    TreeSet<Long> seen =
        events.stream()
            .filter(e -> e.getHost().equals(HOST))
            .map(Event::getSequence)
            .collect(Collectors.toCollection(TreeSet::new));
    long burstSerials =
        events.stream()
            .filter(LinuxCollectorBrokerOutageIT::isBurst)
            .map(Event::getSequence)
            .distinct()
            .count();
    Map<Long, Long> perSerial =
        events.stream().collect(Collectors.groupingBy(Event::getSequence, Collectors.counting()));
    LOG.info(
        "serials {}..{}: {} distinct of {} records; burst serials {} of {}; spool depth max {}",
        seen.first(),
        seen.last(),
        seen.size(),
        events.size(),
        burstSerials,
        TOTAL,
        maxSpoolDepth);
    assertThat(burstSerials).as("every call of the burst").isEqualTo(TOTAL);
    assertThat(seen.last() - seen.first() + 1).as("no serial absent").isEqualTo(seen.size());
    assertThat(perSerial.size()).isEqualTo(seen.size());
  }

  private static boolean isBurst(Event e) {
    return e.getSubject().getComm() != null
        && e.getSubject().getComm().toString().equals(AuditBurst.COMM)
        && "getppid".equals(String.valueOf(e.getAction()));
  }
}
