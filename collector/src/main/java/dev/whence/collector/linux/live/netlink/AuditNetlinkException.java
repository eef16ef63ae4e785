package dev.whence.collector.linux.live.netlink;

import java.io.IOException;

/**
 * A failed audit netlink call, with the kernel's errno and what it means for Whence. {@link
 * #kind()} tells a missing privilege or missing kernel support (fatal, the user must act) from a
 * refused request.
 */
public final class AuditNetlinkException extends IOException {

  /** What went wrong, as far as the user is concerned. */
  public enum Kind {
    /** The process lacks CAP_AUDIT_CONTROL / CAP_AUDIT_WRITE: not root. */
    NOT_PERMITTED,
    /** The kernel has no audit netlink (CONFIG_AUDIT off, or audit=0 at boot). */
    NO_KERNEL_AUDIT,
    /** Another process is registered as the audit daemon. */
    DAEMON_EXISTS,
    /** The kernel's audit configuration is locked (enabled=2) until reboot. */
    LOCKED,
    /** Any other refusal or I/O failure. */
    OTHER
  }

  private final int errno;
  private final Kind kind;

  public AuditNetlinkException(String message, int errno, Kind kind) {
    super(message);
    this.errno = errno;
    this.kind = kind;
  }

  /** Builds the exception for {@code errno} returned by {@code operation}. */
  public static AuditNetlinkException of(String operation, int errno) {
    return switch (errno) {
      case Errno.EPERM ->
          new AuditNetlinkException(
              operation
                  + " refused (EPERM): kernel audit needs root (CAP_AUDIT_CONTROL); run as root,"
                  + " e.g. sudo ./whence up",
              errno,
              Kind.NOT_PERMITTED);
      case Errno.EPROTONOSUPPORT, Errno.EAFNOSUPPORT, Errno.ENOENT ->
          new AuditNetlinkException(
              operation
                  + " failed ("
                  + Errno.name(errno)
                  + "): this kernel has no audit support (build it with CONFIG_AUDIT=y and do not"
                  + " boot with audit=0)",
              errno,
              Kind.NO_KERNEL_AUDIT);
      case Errno.EEXIST ->
          new AuditNetlinkException(
              operation + " refused (EEXIST): another audit daemon is registered with the kernel",
              errno,
              Kind.DAEMON_EXISTS);
      default ->
          new AuditNetlinkException(
              operation + " failed (" + Errno.name(errno) + ")", errno, Kind.OTHER);
    };
  }

  /** The kernel's errno, 0 when not from the kernel. */
  public int errno() {
    return errno;
  }

  /** What the failure means. */
  public Kind kind() {
    return kind;
  }
}
