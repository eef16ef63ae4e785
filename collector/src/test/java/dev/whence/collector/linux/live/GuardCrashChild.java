package dev.whence.collector.linux.live;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link AuditSettingsGuardLiveTest}: applies the guard's settings and
 * registers as the audit daemon, prints READY, then waits to be killed with signal 9.
 */
public final class GuardCrashChild {

  private GuardCrashChild() {}

  public static void main(String[] args) throws Exception {
    AuditSettingsGuard guard = AuditSettingsGuard.open(Path.of(args[0]));
    NetlinkDaemonReader reader = new NetlinkDaemonReader((b, o, l, p) -> {}, null, null);
    reader.register();
    guard.apply(new AuditSettingsGuard.Settings(args[1], LiveAuditHost.narrowRules(), 8192, 60000));
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
