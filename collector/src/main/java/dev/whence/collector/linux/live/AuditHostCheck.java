package dev.whence.collector.linux.live;

import dev.whence.collector.linux.live.netlink.AuditNetlink;
import dev.whence.collector.linux.live.netlink.AuditNetlinkException;
import dev.whence.collector.linux.live.netlink.AuditStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Checks that this host can give Whence its kernel audit records and chooses the reading mode:
 * root, kernel audit support, an unlocked audit configuration, and who (if anyone) is registered as
 * the audit daemon.
 */
public final class AuditHostCheck {

  /**
   * What the check found.
   *
   * @param status the kernel's audit status
   * @param auditdPid a running auditd process, if any
   * @param mode the reading mode to use
   */
  public record Result(AuditStatus status, OptionalLong auditdPid, ReadingMode mode) {}

  private AuditHostCheck() {}

  /**
   * Checks the host for {@code requested} mode.
   *
   * @param command how the user started Whence, for messages (e.g. {@code whence up})
   * @throws AuditUnavailableException with what is missing and how to fix it
   */
  public static Result check(String command, ReadingMode requested)
      throws AuditUnavailableException {
    long uid = effectiveUid();
    if (uid != 0) {
      throw new AuditUnavailableException(
          command
              + " needs root to use kernel audit: run sudo ./"
              + command
              + " (effective uid is "
              + uid
              + ")");
    }
    AuditStatus status;
    try (AuditNetlink netlink = AuditNetlink.open()) {
      status = netlink.status();
    } catch (AuditNetlinkException e) {
      throw new AuditUnavailableException(explain(command, e), e);
    }
    if (status.enabled() == 2) {
      throw new AuditUnavailableException(
          "the kernel's audit configuration is locked (enabled=2, set by auditctl -e 2): Whence"
              + " cannot install its rules or raise the backlog; reboot, and remove -e 2 from"
              + " /etc/audit/rules.d, to change it");
    }
    OptionalLong auditd = auditdPid();
    long registered = status.pid();
    boolean registeredAlive = registered != 0 && ProcessHandle.of(registered).isPresent();
    String registeredName = registeredAlive ? comm(registered).orElse("?") : "";
    ReadingMode mode =
        switch (requested) {
          case AUDITD_FILE -> {
            if (auditd.isEmpty()) {
              throw new AuditUnavailableException(
                  auditdInstalled()
                      ? "auditd is not running: start it (systemctl start auditd) or let Whence"
                          + " read the kernel itself (netlink mode)"
                      : "auditd not found: apt-get install auditd (or let Whence read the kernel"
                          + " itself in netlink mode)");
            }
            yield ReadingMode.AUDITD_FILE;
          }
          case NETLINK -> {
            if (registeredAlive) {
              throw new AuditUnavailableException(
                  registeredName
                      + " (pid "
                      + registered
                      + ") is registered as the kernel's audit daemon: stop it (systemctl stop"
                      + " auditd) or read auditd's log files instead (file mode)");
            }
            yield ReadingMode.NETLINK;
          }
          case AUTO -> {
            if (auditd.isPresent()) {
              yield ReadingMode.AUDITD_FILE;
            }
            if (registeredAlive) {
              throw new AuditUnavailableException(
                  "another process, "
                      + registeredName
                      + " (pid "
                      + registered
                      + "), is registered as the kernel's audit daemon; stop it first");
            }
            yield ReadingMode.NETLINK;
          }
        };
    return new Result(status, auditd, mode);
  }

  /** The message for a failed first contact with kernel audit. */
  static String explain(String command, AuditNetlinkException e) {
    return switch (e.kind()) {
      case NOT_PERMITTED ->
          command
              + " needs root with CAP_AUDIT_CONTROL: run sudo ./"
              + command
              + " (in a container: --cap-add AUDIT_CONTROL --cap-add AUDIT_READ --pid=host)";
      case NO_KERNEL_AUDIT ->
          "the kernel has no audit support (CONFIG_AUDIT, CONFIG_AUDITSYSCALL), or it was booted"
              + " with audit=0: use a kernel built with audit and boot without audit=0";
      default ->
          e.errno() == 111
              ? "kernel audit is reachable only from the host's initial namespaces (ECONNREFUSED):"
                  + " run Whence on the host, not in a container or user namespace"
              : "kernel audit is not usable: " + e.getMessage();
    };
  }

  /** The effective uid of this process, from /proc/self/status. */
  static long effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** A running process named exactly {@code auditd} (like {@code pgrep -x auditd}). */
  public static OptionalLong auditdPid() {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> comm(Long.parseLong(p.getFileName().toString())).orElse("").equals("auditd"))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
          .findFirst();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  private static Optional<String> comm(long pid) {
    try {
      return Optional.of(
          Files.readString(Path.of("/proc", Long.toString(pid), "comm"), StandardCharsets.UTF_8)
              .strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean auditdInstalled() {
    return Files.isExecutable(Path.of("/usr/sbin/auditd"))
        || Files.isExecutable(Path.of("/sbin/auditd"));
  }
}
