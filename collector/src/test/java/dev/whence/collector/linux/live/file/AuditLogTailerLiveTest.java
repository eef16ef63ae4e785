package dev.whence.collector.linux.live.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.collector.linux.live.AuditHostCheck;
import dev.whence.collector.linux.live.AuditSerial;
import dev.whence.collector.linux.live.AuditSettingsGuard;
import dev.whence.collector.linux.live.LiveAuditHostAccess;
import dev.whence.collector.linux.live.SourcePosition.FilePosition;
import dev.whence.collector.linux.live.netlink.AuditNetlink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File mode against a real auditd writing to a private log: tails it, follows a rotation ({@code
 * kill -USR1}), and resumes from an acknowledged checkpoint.
 */
class AuditLogTailerLiveTest {

  private static final Path AUDITD = Path.of("/usr/sbin/auditd");
  private static final Pattern MARKER = Pattern.compile("a1=(?:\"|)(whence-file-[ab]-\\d+)");

  @TempDir Path dir;

  private Object before;
  private Process auditd;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<FilePosition> positions = new CopyOnWriteArrayList<>();

  @BeforeEach
  void snapshot() throws Exception {
    LiveAuditHostAccess.assumeKernelAudit();
    LiveAuditHostAccess.assumeNoAuditDaemon();
    Assumptions.assumeTrue(
        Files.isExecutable(AUDITD),
        "live auditd test skipped: auditd not found (apt-get install auditd)");
    before = LiveAuditHostAccess.snapshot();
  }

  @AfterEach
  void stopAuditdAndRestore() throws Exception {
    try {
      if (auditd != null && auditd.isAlive()) {
        auditd.destroy();
        if (!auditd.waitFor(10, TimeUnit.SECONDS)) {
          auditd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
      assertThat(AuditHostCheck.auditdPid()).as("no auditd left running").isEmpty();
    } finally {
      if (before != null) {
        LiveAuditHostAccess.restoreAndAssert(before);
      }
    }
  }

  private Path startAuditd() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(conf.resolve("plugins.d"));
    Path log = dir.resolve("log/audit.log");
    Files.createDirectories(log.getParent());
    Files.writeString(
        conf.resolve("auditd.conf"),
        String.join(
            "\n",
            "local_events = yes",
            "write_logs = yes",
            "log_file = " + log,
            "log_format = RAW",
            "flush = INCREMENTAL_ASYNC",
            "freq = 50",
            "max_log_file = 100",
            "num_logs = 5",
            "max_log_file_action = ROTATE",
            "space_left = 75",
            "space_left_action = IGNORE",
            "admin_space_left = 50",
            "admin_space_left_action = IGNORE",
            "disk_full_action = IGNORE",
            "disk_error_action = IGNORE",
            "plugin_dir = " + conf.resolve("plugins.d"),
            "q_depth = 2000",
            "overflow_action = IGNORE",
            "end_of_event_timeout = 2",
            ""));
    auditd =
        new ProcessBuilder(AUDITD.toString(), "-n", "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("auditd.out").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    try (AuditNetlink n = AuditNetlink.open()) {
      while (System.nanoTime() < deadline
          && !(n.status().pid() == auditd.pid() && Files.exists(log))) {
        Thread.sleep(50);
      }
      assertThat(n.status().pid()).as("auditd registered").isEqualTo(auditd.pid());
    }
    return log;
  }

  private void rotate(Path log) throws Exception {
    Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(auditd.pid())).start();
    assertThat(kill.waitFor()).isZero();
    Path rotated = log.resolveSibling("audit.log.1");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && !Files.exists(rotated)) {
      Thread.sleep(20);
    }
    assertThat(rotated).exists();
  }

  private List<String> markersSeen() {
    List<String> seen = new ArrayList<>();
    for (String l : lines) {
      if (l.startsWith("type=EXECVE ")) {
        Matcher m = MARKER.matcher(l);
        if (m.find()) {
          seen.add(m.group(1));
        }
      }
    }
    return seen;
  }

  private void awaitMarkers(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline && markersSeen().size() < count) {
      Thread.sleep(50);
    }
  }

  private static List<String> expected(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(prefix + "-" + i);
    }
    return names;
  }

  @Test
  void tailsAuditdAcrossARotationInOrderAndResumesFromTheCheckpoint() throws Exception {
    Path checkpoint = dir.resolve("data/audit-log.checkpoint");
    try (AuditSettingsGuard guard = AuditSettingsGuard.open(dir.resolve("data"))) {
      guard.apply(
          new AuditSettingsGuard.Settings(
              LiveAuditHostAccess.KEY, LiveAuditHostAccess.narrowRules(), 8192, 60000));
      Path log = startAuditd();
      AuditLogTailer tailer =
          new AuditLogTailer(
              log,
              checkpoint,
              (b, o, l, p) -> {
                lines.add(new String(b, o, l, StandardCharsets.UTF_8));
                positions.add((FilePosition) p);
              },
              AuditLogTailer.StartAt.BEGINNING,
              Duration.ofMillis(20));
      tailer.open();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      Thread reading =
          new Thread(
              () -> {
                try {
                  tailer.run();
                } catch (Exception e) {
                  failures.add(e);
                }
              });
      reading.start();
      long firstInode = (Long) Files.getAttribute(log, "unix:ino");
      LiveAuditHostAccess.workload("whence-file-a", 100);
      awaitMarkers(100);
      rotate(log);
      LiveAuditHostAccess.workload("whence-file-b", 100);
      awaitMarkers(200);
      tailer.stop();
      reading.join(5000);
      tailer.close();
      assertThat(failures).isEmpty();

      List<String> all = new ArrayList<>(expected("whence-file-a", 100));
      all.addAll(expected("whence-file-b", 100));
      assertThat(markersSeen()).as("every exec once, in order").isEqualTo(all);
      long secondInode = (Long) Files.getAttribute(log, "unix:ino");
      assertThat(secondInode).isNotEqualTo(firstInode);
      assertThat(positions).extracting(FilePosition::inode).contains(firstInode, secondInode);
      int switchAt = 0;
      while (positions.get(switchAt).inode() == firstInode) {
        switchAt++;
      }
      for (int i = switchAt; i < positions.size(); i++) {
        assertThat(positions.get(i).inode()).isEqualTo(secondInode);
      }
      assertThat(positions.get(switchAt - 1).offset())
          .as("the first file was read to its very end")
          .isEqualTo(Files.size(log.resolveSibling("audit.log.1")));
      List<Long> serials = new ArrayList<>();
      for (String l : lines) {
        if (l.startsWith("type=DAEMON_")) {
          continue;
        }
        byte[] b = l.getBytes(StandardCharsets.UTF_8);
        serials.add(AuditSerial.of(b, 0, b.length));
      }
      for (int i = 1; i < serials.size(); i++) {
        assertThat(serials.get(i))
            .as("kernel serials (auditd numbers its own DAEMON_ records apart) never go back")
            .isGreaterThanOrEqualTo(serials.get(i - 1) - 50);
      }

      int ackAt = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("type=EXECVE ") && lines.get(i).contains("whence-file-a-50")) {
          ackAt = i;
        }
      }
      AuditLogTailer first =
          new AuditLogTailer(
              log,
              checkpoint,
              (b, o, l, p) -> {},
              AuditLogTailer.StartAt.END,
              Duration.ofMillis(20));
      first.open();
      first.acknowledge(positions.get(ackAt));
      first.close();
      List<String> expectedRest = new ArrayList<>(lines.subList(ackAt + 1, lines.size()));
      lines.clear();
      positions.clear();
      AuditLogTailer resumed =
          new AuditLogTailer(
              log,
              checkpoint,
              (b, o, l, p) -> lines.add(new String(b, o, l, StandardCharsets.UTF_8)),
              AuditLogTailer.StartAt.END,
              Duration.ofMillis(20));
      resumed.open();
      resumed.poll();
      resumed.close();
      assertThat(lines.subList(0, expectedRest.size()))
          .as("after a restart, exactly the lines after the acknowledged one")
          .isEqualTo(expectedRest);
    }
  }
}
