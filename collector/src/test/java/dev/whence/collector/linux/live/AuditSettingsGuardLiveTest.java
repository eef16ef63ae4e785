package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.collector.linux.live.netlink.AuditNetlink;
import dev.whence.collector.linux.live.netlink.AuditStatus;
import dev.whence.collector.linux.live.rules.AuditRuleData;
import dev.whence.collector.linux.live.rules.AuditRuleInstaller;
import dev.whence.collector.linux.live.rules.AuditRuleParser;
import dev.whence.collector.linux.live.rules.SyscallTable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard against the real kernel: saves, changes and restores; recovers after a kill -9. */
class AuditSettingsGuardLiveTest {

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

  private static AuditSettingsGuard.Settings settings() {
    return new AuditSettingsGuard.Settings(
        LiveAuditHost.KEY, LiveAuditHost.narrowRules(), 8192, 60000);
  }

  @Test
  void savesChangesAndRestoresBacklogEnabledAndRulesOfItsKey() throws Exception {
    byte[] earlier =
        AuditRuleData.encode(
            new AuditRuleParser(SyscallTable.x8664(), p -> false)
                .parseLine("-a always,exit -F arch=b64 -S mknodat -F ppid=1")
                .withKey(LiveAuditHost.KEY));
    try (AuditNetlink n = AuditNetlink.open()) {
      n.addRule(earlier);
      try {
        AuditSettingsGuard guard = AuditSettingsGuard.open(dataDir);
        assertThat(guard.recoveredFromCrash()).isEmpty();
        guard.apply(settings());
        AuditStatus changed = n.status();
        assertThat(changed.enabled()).isEqualTo(1);
        assertThat(changed.backlogLimit()).isEqualTo(8192);
        assertThat(changed.backlogWaitTime()).isEqualTo(60000);
        List<byte[]> ours = new AuditRuleInstaller(n).rulesWithKey(LiveAuditHost.KEY);
        assertThat(ours).hasSize(2);
        assertThat(ours).noneMatch(r -> java.util.Arrays.equals(r, earlier));
        SavedAuditSettings saved =
            SavedAuditSettings.decode(
                Files.readAllBytes(dataDir.resolve(AuditSettingsGuard.STATE_FILE)));
        assertThat(saved.enabled()).isEqualTo(before.enabled());
        assertThat(saved.backlogLimit()).isEqualTo(before.backlogLimit());
        assertThat(saved.backlogWaitTime()).isEqualTo(before.backlogWaitTime());
        assertThat(saved.rulesWithKey()).hasSize(1);
        assertThat(saved.rulesWithKey().get(0)).isEqualTo(earlier);

        guard.close();

        AuditStatus back = n.status();
        assertThat(back.enabled()).isEqualTo(before.enabled());
        assertThat(back.backlogLimit()).isEqualTo(before.backlogLimit());
        assertThat(back.backlogWaitTime()).isEqualTo(before.backlogWaitTime());
        List<byte[]> left = new AuditRuleInstaller(n).rulesWithKey(LiveAuditHost.KEY);
        assertThat(left).hasSize(1);
        assertThat(left.get(0)).isEqualTo(earlier);
        assertThat(dataDir.resolve(AuditSettingsGuard.STATE_FILE)).doesNotExist();
      } finally {
        new AuditRuleInstaller(n).removeByKey(LiveAuditHost.KEY);
      }
    }
  }

  @Test
  void aGuardOpenedAfterAKillRestoresTheOriginalsWhenItDoesNotApply() throws Exception {
    long childPid = crashChildKilledWithSignal9();

    AuditSettingsGuard next = AuditSettingsGuard.open(dataDir);

    assertThat(next.recoveredFromCrash())
        .hasValueSatisfying(s -> assertThat(s.ownerPid()).isEqualTo(childPid));
    next.close();
    assertThat(dataDir.resolve(AuditSettingsGuard.STATE_FILE)).doesNotExist();
    try (AuditNetlink n = AuditNetlink.open()) {
      AuditStatus back = n.status();
      assertThat(back.enabled()).isEqualTo(before.enabled());
      assertThat(back.backlogLimit()).isEqualTo(before.backlogLimit());
      assertThat(back.backlogWaitTime()).isEqualTo(before.backlogWaitTime());
      assertThat(back.pid()).isZero();
      assertThat(new AuditRuleInstaller(n).rulesWithKey(LiveAuditHost.KEY)).isEmpty();
    }
  }

  @Test
  void aStartAfterAKillKeepsTheRulesInstalledThroughoutAndAdoptsTheOriginals() throws Exception {
    long childPid = crashChildKilledWithSignal9();
    RuleWatcher watcher = RuleWatcher.start(LiveAuditHost.KEY);
    NetlinkDaemonReader reader = new NetlinkDaemonReader((b, o, l, p) -> {}, null, null);
    AuditSettingsGuard next = AuditSettingsGuard.open(dataDir);
    try {
      reader.register();
      List<?> installed = next.apply(settings());
      watcher.stop();

      assertThat(installed).hasSize(2);
      assertThat(next.recoveredFromCrash())
          .hasValueSatisfying(s -> assertThat(s.ownerPid()).isEqualTo(childPid));
      assertThat(watcher.samples()).as("rule listings taken during the restart").isPositive();
      assertThat(watcher.fewest())
          .as("fewest rules of the key seen during the restart")
          .isEqualTo(2);
      try (AuditNetlink n = AuditNetlink.open()) {
        AuditStatus now = n.status();
        assertThat(now.enabled()).isEqualTo(1);
        assertThat(now.backlogLimit()).isEqualTo(8192);
        assertThat(now.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(new AuditRuleInstaller(n).rulesWithKey(LiveAuditHost.KEY)).hasSize(2);
      }
      SavedAuditSettings adopted =
          SavedAuditSettings.decode(
              Files.readAllBytes(dataDir.resolve(AuditSettingsGuard.STATE_FILE)));
      assertThat(adopted.ownerPid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(adopted.enabled()).isEqualTo(before.enabled());
      assertThat(adopted.backlogLimit()).isEqualTo(before.backlogLimit());
      assertThat(adopted.backlogWaitTime()).isEqualTo(before.backlogWaitTime());
    } finally {
      watcher.stop();
      reader.close();
      next.close();
    }
    assertThat(dataDir.resolve(AuditSettingsGuard.STATE_FILE)).doesNotExist();
    try (AuditNetlink n = AuditNetlink.open()) {
      AuditStatus back = n.status();
      assertThat(back.enabled()).isEqualTo(before.enabled());
      assertThat(back.backlogLimit()).isEqualTo(before.backlogLimit());
      assertThat(back.backlogWaitTime()).isEqualTo(before.backlogWaitTime());
      assertThat(back.pid()).isZero();
      assertThat(new AuditRuleInstaller(n).rulesWithKey(LiveAuditHost.KEY)).isEmpty();
    }
  }

  /**
   * Runs {@link GuardCrashChild}, checks it applied the settings and registered, kills it with
   * signal 9 and returns its pid.
   */
  private long crashChildKilledWithSignal9() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                javaBin,
                "-cp",
                System.getProperty("java.class.path"),
                GuardCrashChild.class.getName(),
                dataDir.toString(),
                LiveAuditHost.KEY)
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      StringBuilder seen = new StringBuilder();
      while ((line = out.readLine()) != null && !line.equals("READY")) {
        seen.append(line).append('\n');
      }
      assertThat(line).as("child output: %s", seen).isEqualTo("READY");
      try (AuditNetlink n = AuditNetlink.open()) {
        AuditStatus changed = n.status();
        assertThat(changed.enabled()).isEqualTo(1);
        assertThat(changed.backlogLimit()).isEqualTo(8192);
        assertThat(changed.pid()).isEqualTo(child.pid());
        assertThat(new AuditRuleInstaller(n).rulesWithKey(LiveAuditHost.KEY)).hasSize(2);
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).isEqualTo(137);
    assertThat(dataDir.resolve(AuditSettingsGuard.STATE_FILE)).exists();
    return child.pid();
  }

  /** Lists the kernel's rules of one key in a tight loop on a thread of its own. */
  private static final class RuleWatcher {

    private final Thread thread;
    private final AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicLong samples = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    private RuleWatcher(String key) {
      thread =
          new Thread(
              () -> {
                try (AuditNetlink n = AuditNetlink.open()) {
                  AuditRuleInstaller rules = new AuditRuleInstaller(n);
                  while (!stopped) {
                    int count = rules.rulesWithKey(key).size();
                    fewest.accumulateAndGet(count, Math::min);
                    samples.incrementAndGet();
                  }
                } catch (Exception e) {
                  failure.set(e);
                }
              },
              "rule-watcher");
    }

    static RuleWatcher start(String key) {
      RuleWatcher w = new RuleWatcher(key);
      w.thread.start();
      return w;
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(10_000);
      assertThat(failure.get()).as("rule watcher failure").isNull();
    }

    long samples() {
      return samples.get();
    }

    int fewest() {
      return fewest.get();
    }
  }
}
