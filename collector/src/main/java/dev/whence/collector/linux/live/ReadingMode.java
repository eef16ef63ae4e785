package dev.whence.collector.linux.live;

/**
 * How Whence reads the kernel's audit records.
 *
 * <p>Trade-off (see the design's never-drop chain): as the netlink daemon Whence needs nothing else
 * installed, but while it is not running (restart, crash) the kernel discards its records without
 * counting them as lost; the hole is measured from serials and reported. Reading auditd's files
 * needs auditd running, but a collector crash or restart loses nothing: auditd keeps writing and
 * the checkpoint resumes where the acknowledged data ends.
 */
public enum ReadingMode {
  /** auditd's files when auditd runs, else the netlink daemon. */
  AUTO,
  /** Whence registers itself as the kernel's audit daemon. */
  NETLINK,
  /** Whence tails the log files that a running auditd writes. */
  AUDITD_FILE
}
