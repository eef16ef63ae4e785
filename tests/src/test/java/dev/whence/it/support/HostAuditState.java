package dev.whence.it.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The host's kernel audit settings as {@code auditctl} shows them, for live-audit tests: taken
 * before a test, forced back and compared after it. Tests that use it skip (JUnit assumptions) when
 * the JVM is not root or the kernel or {@code auditctl} offers no audit.
 *
 * @param enabled the enabled flag
 * @param backlogLimit the backlog limit
 * @param backlogWaitTime the backlog wait time
 * @param rules {@code auditctl -l} lines ("No rules" omitted)
 */
public record HostAuditState(
    long enabled, long backlogLimit, long backlogWaitTime, List<String> rules) {

  /** Skips the calling test unless it runs as root with kernel audit and auditctl available. */
  public static void assumeLiveAudit() {
    String uid = run("id", "-u").map(String::strip).orElse("?");
    assumeTrue("0".equals(uid), "live audit tests need root (kernel audit); effective uid " + uid);
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/auditctl"))
            || Files.isExecutable(Path.of("/sbin/auditctl")),
        "live audit tests need auditctl (apt-get install auditd)");
    Optional<HostAuditState> s = tryRead();
    assumeTrue(s.isPresent(), "auditctl -s failed: the kernel offers no audit here");
    assumeTrue(s.get().enabled() != 2, "kernel audit is locked (enabled=2)");
  }

  /** Skips unless gcc is on the path (the burst program is compiled on the fly). */
  public static void assumeGcc() {
    assumeTrue(run("gcc", "--version").isPresent(), "live audit burst tests need gcc");
  }

  /** Skips unless auditd is installed and not running. */
  public static void assumeAuditdIdle() {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/auditd"))
            || Files.isExecutable(Path.of("/sbin/auditd")),
        "this test needs auditd (apt-get install auditd)");
    assumeTrue(
        run("pgrep", "-x", "auditd").map(String::isBlank).orElse(true),
        "an auditd is already running; this test runs a private one");
  }

  /** The settings now. */
  public static HostAuditState read() {
    return tryRead().orElseThrow(() -> new IllegalStateException("auditctl -s failed"));
  }

  private static Optional<HostAuditState> tryRead() {
    Optional<String> status = run("auditctl", "-s");
    Optional<String> list = run("auditctl", "-l");
    if (status.isEmpty() || list.isEmpty()) {
      return Optional.empty();
    }
    long enabled = -1;
    long limit = -1;
    long wait = -1;
    for (String line : status.get().split("\n")) {
      String[] kv = line.trim().split("\\s+");
      if (kv.length < 2) {
        continue;
      }
      switch (kv[0]) {
        case "enabled" -> enabled = Long.parseLong(kv[1]);
        case "backlog_limit" -> limit = Long.parseLong(kv[1]);
        case "backlog_wait_time" -> wait = Long.parseLong(kv[1]);
        default -> {}
      }
    }
    List<String> rules = new ArrayList<>();
    for (String line : list.get().split("\n")) {
      if (!line.isBlank() && !line.startsWith("No rules")) {
        rules.add(line.trim());
      }
    }
    return Optional.of(new HostAuditState(enabled, limit, wait, List.copyOf(rules)));
  }

  /** The kernel's lost counter now. */
  public static long kernelLost() {
    for (String line : run("auditctl", "-s").orElse("").split("\n")) {
      String[] kv = line.trim().split("\\s+");
      if (kv.length >= 2 && kv[0].equals("lost")) {
        return Long.parseLong(kv[1]);
      }
    }
    return -1;
  }

  /** The rules that carry {@code key} now. */
  public static List<String> rulesWithKey(String key) {
    return read().rules().stream().filter(r -> r.contains("key=" + key)).toList();
  }

  /**
   * Forces these settings back: removes rules with Whence's keys and sets the backlog and enabled
   * flag (rules the host had before are left alone).
   */
  public void forceBack() {
    run("auditctl", "-D", "-k", "whence");
    run("auditctl", "-D", "-k", "whence-tamper");
    run(
        "auditctl",
        "-b",
        Long.toString(backlogLimit),
        "--backlog_wait_time",
        Long.toString(backlogWaitTime));
    run("auditctl", "-e", Long.toString(enabled));
  }

  /** Runs a command, returning its standard output when it exits 0 within 30 s. */
  public static Optional<String> run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      p.getErrorStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
