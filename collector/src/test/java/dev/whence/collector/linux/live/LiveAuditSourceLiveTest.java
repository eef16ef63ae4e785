package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole live source as {@code whence up} uses it, on a host without auditd. */
class LiveAuditSourceLiveTest {

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
  void choosesNetlinkWithoutAuditdReadsAcknowledgesAndRestoresOnClose() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    List<SourcePosition> positions = new CopyOnWriteArrayList<>();
    LiveAuditSource.Options options =
        LiveAuditSource.Options.defaults(dataDir).withRules(LiveAuditHost.narrowRules());
    options =
        new LiveAuditSource.Options(
            options.dataDir(),
            options.mode(),
            LiveAuditHost.KEY,
            options.rules(),
            options.backlogLimit(),
            options.backlogWaitTime(),
            options.auditdConf(),
            "livetest",
            options.startAt(),
            options.command());
    List<long[]> gaps = new ArrayList<>();
    LiveAuditSource source =
        LiveAuditSource.start(
            options,
            (b, o, l, p) -> {
              lines.add(new String(b, o, l, StandardCharsets.UTF_8));
              positions.add(p);
            },
            (a, z) -> gaps.add(new long[] {a, z}),
            Clock.systemUTC());
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Thread reading =
        new Thread(
            () -> {
              try {
                source.run();
              } catch (Exception e) {
                failures.add(e);
              }
            });
    try {
      assertThat(source.mode()).isEqualTo(ReadingMode.NETLINK);
      reading.start();
      LiveAuditHost.workload("whence-source", 50);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline
          && lines.stream().filter(l -> l.contains("a1=\"whence-source-")).count() < 50) {
        Thread.sleep(50);
      }
      KernelAuditFigures figures = source.kernelFigures();
      assertThat(figures.backlogLimit()).isEqualTo(8192);
      SourcePosition last = positions.get(positions.size() - 1);
      source.acknowledge(last);
      assertThat(Files.readString(dataDir.resolve(LiveAuditSource.SERIAL_FILE)))
          .contains("serial=" + last.serial());
    } finally {
      source.close();
      reading.join(10_000);
    }
    assertThat(failures).isEmpty();
    assertThat(lines.stream().filter(l -> l.contains("a1=\"whence-source-"))).hasSize(50);
    assertThat(lines).allMatch(l -> l.startsWith("node=livetest type="));
    assertThat(gaps).isEmpty();
    assertThat(dataDir.resolve(AuditSettingsGuard.STATE_FILE)).doesNotExist();
  }

  @Test
  void aHeartbeatBeforeTheFirstRecordDoesNotHideTheGapOfARestart() throws Exception {
    Files.writeString(
        dataDir.resolve(LiveAuditSource.SERIAL_FILE),
        "bootId=" + BootId.current() + "\nserial=1\n",
        StandardCharsets.US_ASCII);
    List<String> lines = new CopyOnWriteArrayList<>();
    List<Long> serials = new CopyOnWriteArrayList<>();
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
    List<long[]> gaps = new CopyOnWriteArrayList<>();
    LiveAuditSource source =
        LiveAuditSource.start(
            options,
            (b, o, l, p) -> {
              lines.add(new String(b, o, l, StandardCharsets.UTF_8));
              serials.add(p.serial());
            },
            (a, z) -> gaps.add(new long[] {a, z}),
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
    try {
      source.kernelFigures();
      reading.start();
      LiveAuditHost.workload("whence-heartbeat", 5);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline
          && lines.stream().filter(l -> l.contains("a1=\"whence-heartbeat-")).count() < 5) {
        Thread.sleep(50);
      }
    } finally {
      source.close();
      reading.join(10_000);
    }
    long lowest = serials.stream().mapToLong(Long::longValue).min().orElseThrow();
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0)).containsExactly(2, lowest - 1);
  }
}
