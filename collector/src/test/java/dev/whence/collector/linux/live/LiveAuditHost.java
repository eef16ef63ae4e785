package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.fail;

import dev.whence.collector.linux.live.netlink.AuditNetlink;
import dev.whence.collector.linux.live.netlink.AuditNetlinkException;
import dev.whence.collector.linux.live.netlink.AuditStatus;
import dev.whence.collector.linux.live.rules.AuditRule;
import dev.whence.collector.linux.live.rules.AuditRuleInstaller;
import dev.whence.collector.linux.live.rules.AuditRuleParser;
import dev.whence.collector.linux.live.rules.SyscallTable;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Live-test support: skips without root and kernel audit, snapshots the host's audit settings
 * (enabled flag, backlog limit and wait time, daemon registration, every rule) and puts them back
 * after a test, failing the test when the code under test did not.
 */
final class LiveAuditHost {

  /** The key live tests use, never Whence's default. */
  static final String KEY = "whence-livetest";

  /**
   * The host's audit settings.
   *
   * @param enabled enabled flag
   * @param backlogLimit backlog limit
   * @param backlogWaitTime backlog wait time
   * @param pid registered daemon
   * @param rules every rule, base64
   */
  record Snapshot(
      long enabled, long backlogLimit, long backlogWaitTime, long pid, List<String> rules) {

    static Snapshot now() throws AuditNetlinkException {
      try (AuditNetlink n = AuditNetlink.open()) {
        AuditStatus s = n.status();
        List<String> rules =
            n.listRules().stream().map(r -> Base64.getEncoder().encodeToString(r)).toList();
        return new Snapshot(s.enabled(), s.backlogLimit(), s.backlogWaitTime(), s.pid(), rules);
      }
    }
  }

  private LiveAuditHost() {}

  /** Skips the test unless this process is root and the kernel answers AUDIT_GET. */
  static void assumeKernelAudit() {
    Assumptions.assumeTrue(
        AuditHostCheck.effectiveUid() == 0,
        "live kernel audit test skipped: needs root (run the build as root)");
    try (AuditNetlink n = AuditNetlink.open()) {
      AuditStatus s = n.status();
      Assumptions.assumeTrue(
          s.enabled() != 2, "live kernel audit test skipped: audit configuration is locked");
    } catch (AuditNetlinkException e) {
      Assumptions.abort("live kernel audit test skipped: " + e.getMessage());
    }
  }

  /** Skips the test when an audit daemon (auditd or other) is registered or auditd runs. */
  static void assumeNoAuditDaemon() throws AuditNetlinkException {
    Assumptions.assumeTrue(
        AuditHostCheck.auditdPid().isEmpty(),
        "live kernel audit test skipped: auditd is running on this host");
    Assumptions.assumeTrue(
        Snapshot.now().pid() == 0,
        "live kernel audit test skipped: an audit daemon is registered with the kernel");
  }

  /**
   * Compares the host with {@code before}; when they differ, puts {@code before} back (removing
   * rules under {@link #KEY}, resetting the values, clearing a registration of this process) and
   * fails.
   */
  static void restoreAndAssert(Snapshot before) throws Exception {
    Snapshot after = Snapshot.now();
    if (after.equals(before)) {
      return;
    }
    try (AuditNetlink n = AuditNetlink.open()) {
      new AuditRuleInstaller(n).removeByKey(KEY);
      n.set(
          AuditStatus.set(
              AuditStatus.MASK_BACKLOG_LIMIT | AuditStatus.MASK_BACKLOG_WAIT_TIME,
              0,
              0,
              before.backlogLimit(),
              before.backlogWaitTime()));
      if (n.status().pid() == n.processId()) {
        n.set(AuditStatus.set(AuditStatus.MASK_PID, 0, 0, 0, 0));
      }
      n.set(AuditStatus.set(AuditStatus.MASK_ENABLED, before.enabled(), 0, 0, 0));
    }
    fail(
        "the host's audit settings were not restored by the code under test (now put back"
            + " by the test): before %s, after %s, after the test's own restore %s",
        before, after, Snapshot.now());
  }

  /**
   * Narrow rules that trace only this JVM's children and exits, so other processes are unaffected.
   */
  static List<AuditRule> narrowRules() {
    long self = ProcessHandle.current().pid();
    AuditRuleParser p = new AuditRuleParser(SyscallTable.x8664(), x -> false);
    return List.of(
        p.parseLine("-a always,exit -F arch=b64 -S execve,execveat -F ppid=" + self),
        p.parseLine("-a always,exit -F arch=b64 -S exit_group -F ppid=" + self));
  }

  /** Runs {@code /bin/true MARKER-i} {@code count} times from this JVM. */
  static void workload(String marker, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      Process p = new ProcessBuilder("/bin/true", marker + "-" + i).start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("/bin/true failed");
      }
    }
  }
}
