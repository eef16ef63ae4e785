package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.avro.Operation;
import dev.whence.collector.linux.live.ListeningSockets.Listening;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds sent to the real kernel come back as records with serials and become BIND events. */
class ListeningSocketSeedsLiveTest {

  @TempDir Path dataDir;

  private LiveAuditHost.Snapshot before;

  @BeforeEach
  void snapshot() throws Exception {
    LiveAuditHost.assumeKernelAudit();
    LiveAuditHost.assumeNoAuditDaemon();
    before = LiveAuditHost.Snapshot.now();
  }

  @AfterEach
  void restored() throws Exception {
    if (before != null) {
      LiveAuditHost.restoreAndAssert(before);
    }
  }

  @Test
  void aSocketListeningBeforeTheStartIsSeededAsABindWithARealSerial() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    LiveAuditSource.Options d =
        LiveAuditSource.Options.defaults(dataDir).withRules(LiveAuditHost.narrowRules());
    LiveAuditSource.Options options =
        new LiveAuditSource.Options(
            d.dataDir(),
            d.mode(),
            LiveAuditHost.KEY,
            d.rules(),
            d.backlogLimit(),
            d.backlogWaitTime(),
            d.auditdConf(),
            null,
            d.startAt(),
            d.command());
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      LiveAuditSource source =
          LiveAuditSource.start(
              options,
              (b, o, l, p) -> lines.add(new String(b, o, l, StandardCharsets.UTF_8)),
              (a, z) -> {},
              Clock.systemUTC());
      Thread reading =
          new Thread(
              () -> {
                try {
                  source.run();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      List<Listening> ours;
      try {
        reading.start();
        ours =
            ListeningSockets.ofHost().scan().stream()
                .filter(l -> l.port() == server.getLocalPort())
                .toList();
        assertThat(ours).hasSize(1);
        assertThat(ListeningSocketSeeds.send(ours)).isEqualTo(ours.get(0).holders().size());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline
            && lines.stream().noneMatch(l -> l.contains("lport=" + server.getLocalPort()))) {
          Thread.sleep(50);
        }
      } finally {
        source.close();
        reading.join(10_000);
      }
      List<Event> events =
          ListeningSocketSeedsTest.normalize(
              lines.stream().filter(l -> l.contains(ListeningSocketSeeds.OP)).toList());
      long self = ProcessHandle.current().pid();
      assertThat(events).isNotEmpty();
      for (Event e : events) {
        assertThat(ListeningSocketSeeds.rewrite(e, self)).isTrue();
      }
      assertThat(events)
          .filteredOn(e -> e.getObject1().getLocalPort() == server.getLocalPort())
          .isNotEmpty()
          .allSatisfy(
              e -> {
                assertThat(e.getOperation()).isEqualTo(Operation.BIND);
                assertThat(e.getSubject().getPid()).isEqualTo((int) self);
                assertThat(e.getObject1().getLocalAddress()).isIn("127.0.0.1", "::ffff:127.0.0.1");
                assertThat(e.getSequence()).isPositive();
              });
    }
  }
}
