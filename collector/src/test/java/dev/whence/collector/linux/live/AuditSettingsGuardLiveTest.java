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
  void theNextStartRestoresWhatARunKilledWithSignal9Left() throws Exception {
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

    AuditSettingsGuard next = AuditSettingsGuard.open(dataDir);

    assertThat(next.recoveredFromCrash())
        .hasValueSatisfying(s -> assertThat(s.ownerPid()).isEqualTo(child.pid()));
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
}
