package dev.whence.collector.linux.live;

import dev.whence.collector.linux.live.rules.AuditRule;
import java.util.List;

/** Opens {@link LiveAuditHost} to live tests of the sub-packages. */
public final class LiveAuditHostAccess {

  /** The key live tests use. */
  public static final String KEY = LiveAuditHost.KEY;

  private LiveAuditHostAccess() {}

  public static void assumeKernelAudit() {
    LiveAuditHost.assumeKernelAudit();
  }

  public static void assumeNoAuditDaemon() throws Exception {
    LiveAuditHost.assumeNoAuditDaemon();
  }

  /** A snapshot of the host's audit settings. */
  public static Object snapshot() throws Exception {
    return LiveAuditHost.Snapshot.now();
  }

  /** Restores {@code snapshot} when needed and fails then. */
  public static void restoreAndAssert(Object snapshot) throws Exception {
    LiveAuditHost.restoreAndAssert((LiveAuditHost.Snapshot) snapshot);
  }

  public static List<AuditRule> narrowRules() {
    return LiveAuditHost.narrowRules();
  }

  public static void workload(String marker, int count) throws Exception {
    LiveAuditHost.workload(marker, count);
  }
}
