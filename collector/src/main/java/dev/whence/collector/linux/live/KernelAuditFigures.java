package dev.whence.collector.linux.live;

import dev.whence.collector.linux.live.netlink.AuditNetlink;
import dev.whence.collector.linux.live.netlink.AuditNetlinkException;
import dev.whence.collector.linux.live.netlink.AuditStatus;

/**
 * The kernel's own audit figures for the status heartbeat (AUDIT_GET).
 *
 * @param lost records the kernel counted as lost since boot (not those discarded while no daemon
 *     was connected: see {@link SerialGapTracker})
 * @param backlog records waiting in the kernel's queue now
 * @param backlogLimit the queue's limit
 * @param backlogWaitTimeActual jiffies traced tasks have waited on a full queue in total
 */
public record KernelAuditFigures(
    long lost, long backlog, long backlogLimit, long backlogWaitTimeActual) {

  /** Reads the figures now, over a socket of its own. */
  public static KernelAuditFigures read() throws AuditNetlinkException {
    try (AuditNetlink netlink = AuditNetlink.open()) {
      return of(netlink.status());
    }
  }

  /** The figures of a status. */
  public static KernelAuditFigures of(AuditStatus status) {
    return new KernelAuditFigures(
        status.lost(), status.backlog(), status.backlogLimit(), status.backlogWaitTimeActual());
  }
}
