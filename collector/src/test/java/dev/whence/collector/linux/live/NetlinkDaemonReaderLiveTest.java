package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.collector.linux.live.netlink.AuditNetlink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whence as the kernel's audit daemon, against the real kernel. */
class NetlinkDaemonReaderLiveTest {

  private static final Pattern MARKER = Pattern.compile("a1=\"(whence-[a-z]+-\\d+)\"");

  @TempDir Path dataDir;

  private LiveAuditHost.Snapshot before;
  private final Queue<String> lines = new ConcurrentLinkedQueue<>();
  private final List<long[]> gaps = new ArrayList<>();

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

  /** A registered reader running on its own thread. */
  private final class Running implements AutoCloseable {
    final NetlinkDaemonReader reader;
    final Thread thread;
    final List<Throwable> failures = new ArrayList<>();

    Running(SerialGapTracker tracker) throws Exception {
      reader =
          new NetlinkDaemonReader(
              (b, o, l, p) -> lines.add(new String(b, o, l, StandardCharsets.UTF_8)),
              tracker,
              null);
      reader.register();
      thread =
          new Thread(
              () -> {
                try {
                  reader.run();
                } catch (Exception e) {
                  failures.add(e);
                }
              },
              "netlink-reader");
      thread.start();
    }

    @Override
    public void close() throws Exception {
      reader.stop();
      thread.join(10_000);
      reader.close();
      assertThat(failures).isEmpty();
      assertThat(thread.isAlive()).isFalse();
    }
  }

  private void awaitExecs(String prefix, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline && markers(prefix).size() < count) {
      Thread.sleep(50);
    }
  }

  private java.util.Set<String> markers(String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith("type=EXECVE "))
        .map(MARKER::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .filter(m -> m.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  private static long serial(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return AuditSerial.of(b, 0, b.length);
  }

  @Test
  void receivesSyscallExecveAndEoeOfEveryExecThenUnregisters() throws Exception {
    try (AuditSettingsGuard guard = AuditSettingsGuard.open(dataDir)) {
      try (Running r = new Running(null)) {
        guard.apply(
            new AuditSettingsGuard.Settings(
                LiveAuditHost.KEY, LiveAuditHost.narrowRules(), 8192, 60000));
        LiveAuditHost.workload("whence-live", 300);
        awaitExecs("whence-live-", 300);
      }
      try (AuditNetlink n = AuditNetlink.open()) {
        assertThat(n.status().pid()).as("unregistered after run()").isZero();
      }
    }
    Map<Long, List<String>> bySerial =
        lines.stream().collect(Collectors.groupingBy(NetlinkDaemonReaderLiveTest::serial));
    int seen = 0;
    for (int i = 0; i < 300; i++) {
      String marker = "a1=\"whence-live-" + i + "\"";
      List<String> exec =
          lines.stream().filter(l -> l.startsWith("type=EXECVE ") && l.contains(marker)).toList();
      assertThat(exec).as("EXECVE of run %d", i).hasSize(1);
      List<String> event = bySerial.get(serial(exec.get(0)));
      assertThat(event.get(0))
          .startsWith("type=SYSCALL msg=audit(")
          .contains(" syscall=59 ")
          .contains("exe=\"/usr/bin/true\"")
          .contains("key=\"" + LiveAuditHost.KEY + "\"");
      assertThat(event).anyMatch(l -> l.startsWith("type=CWD msg=audit("));
      assertThat(event).anyMatch(l -> l.startsWith("type=PATH msg=audit("));
      assertThat(event.get(event.size() - 1)).startsWith("type=EOE msg=audit(");
      seen++;
    }
    assertThat(seen).isEqualTo(300);
  }

  @Test
  void reportsExactlyTheSerialsTheKernelDiscardedWhileNoDaemonWasConnected() throws Exception {
    Path serials = dataDir.resolve(LiveAuditSource.SERIAL_FILE);
    String boot = BootId.current();
    long lastAcknowledged;
    try (AuditSettingsGuard guard = AuditSettingsGuard.open(dataDir)) {
      SerialGapTracker first =
          new SerialGapTracker(
              serials,
              boot,
              (a, b) -> gaps.add(new long[] {a, b}),
              Clock.systemUTC(),
              1000,
              Duration.ofSeconds(2));
      try (Running r = new Running(first)) {
        guard.apply(
            new AuditSettingsGuard.Settings(
                LiveAuditHost.KEY, LiveAuditHost.narrowRules(), 8192, 60000));
        LiveAuditHost.workload("whence-before", 5);
        awaitExecs("whence-before-", 5);
      }
      lastAcknowledged =
          lines.stream().mapToLong(NetlinkDaemonReaderLiveTest::serial).max().orElseThrow();
      first.acknowledged(lastAcknowledged);

      LiveAuditHost.workload("whence-down", 20);
      lines.clear();

      SerialGapTracker second =
          new SerialGapTracker(
              serials,
              boot,
              (a, b) -> gaps.add(new long[] {a, b}),
              Clock.systemUTC(),
              1000,
              Duration.ofSeconds(60));
      try (Running r = new Running(second)) {
        LiveAuditHost.workload("whence-after", 5);
        awaitExecs("whence-after-", 5);
      }
      second.settle();
    }
    long firstAfter =
        lines.stream()
            .mapToLong(NetlinkDaemonReaderLiveTest::serial)
            .filter(s -> s > lastAcknowledged)
            .min()
            .orElseThrow();
    assertThat(lines).noneMatch(l -> l.contains("whence-down-"));
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0)[0]).isEqualTo(lastAcknowledged + 1);
    assertThat(gaps.get(0)[1]).isEqualTo(firstAfter - 1);
    assertThat(gaps.get(0)[1] - gaps.get(0)[0] + 1)
        .as("20 runs while down, each an exec of jspawnhelper and of /bin/true")
        .isGreaterThanOrEqualTo(40);
  }
}
