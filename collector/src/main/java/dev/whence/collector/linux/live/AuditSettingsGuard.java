package dev.whence.collector.linux.live;

import dev.whence.collector.linux.live.netlink.AuditNetlink;
import dev.whence.collector.linux.live.netlink.AuditNetlinkException;
import dev.whence.collector.linux.live.netlink.AuditStatus;
import dev.whence.collector.linux.live.rules.AuditRule;
import dev.whence.collector.linux.live.rules.AuditRuleInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the kernel's audit settings for Whence and guarantees they are put back. {@link #apply}
 * first persists the settings it found (enabled flag, backlog limit and wait time, rules already
 * carrying the key) atomically to {@code audit-state.properties} in the data dir, then raises the
 * backlog, sets the wait time (a full queue makes traced tasks wait instead of losing records),
 * installs the rules under the key and enables audit. {@link #restore} (also {@link #close}, and a
 * shutdown hook for SIGTERM/SIGINT) removes the key's rules, puts back the saved ones and the saved
 * values, and deletes the state file.
 *
 * <p>After a kill -9 the state file remains (same boot only; a reboot has reset the kernel
 * already). {@link #open} reads it without touching the kernel, and {@link #apply} then adopts it:
 * the rules and values the killed run installed stay in place (they carry the key, so they are
 * Whence's), the saved originals become the ones {@link #restore} puts back, and only missing rules
 * are added, stale ones of the key removed and the values corrected. So there is no moment without
 * rules, in which system calls would not be audited at all (no serial spent, nothing to measure). A
 * guard that never applies restores the leftover at {@link #restore}/{@link #close}.
 */
public final class AuditSettingsGuard implements AutoCloseable {

  /** Name of the state file in the data dir. */
  public static final String STATE_FILE = "audit-state.properties";

  private static final Logger LOG = LoggerFactory.getLogger(AuditSettingsGuard.class);

  /**
   * What Whence wants while it runs.
   *
   * @param key rule key, default {@code whence}
   * @param rules rules to install (keys are replaced by {@code key})
   * @param backlogLimit kernel backlog limit, e.g. 8192
   * @param backlogWaitTime jiffies a task waits on a full queue (at most 10 times the kernel's
   *     default of 60 s; 60000 is valid for HZ 100 to 1000)
   */
  public record Settings(
      String key, List<AuditRule> rules, long backlogLimit, long backlogWaitTime) {

    public Settings {
      if (key == null || key.isBlank() || key.length() > 31) {
        throw new IllegalArgumentException("rule key must be 1 to 31 characters: " + key);
      }
      rules = List.copyOf(rules);
      if (backlogLimit < 1 || backlogLimit > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("backlog limit out of range: " + backlogLimit);
      }
      if (backlogWaitTime < 0 || backlogWaitTime > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("backlog wait time out of range: " + backlogWaitTime);
      }
    }

    public static final long DEFAULT_BACKLOG_LIMIT = 8192;
    public static final long DEFAULT_BACKLOG_WAIT_TIME = 60000;
    public static final String DEFAULT_KEY = "whence";
  }

  private final Path stateFile;
  private final String bootId;
  private final Optional<SavedAuditSettings> recovered;
  private SavedAuditSettings leftover;
  private SavedAuditSettings saved;
  private Thread hook;

  private AuditSettingsGuard(
      Path stateFile, String bootId, Optional<SavedAuditSettings> recovered) {
    this.stateFile = stateFile;
    this.bootId = bootId;
    this.recovered = recovered;
    this.leftover = recovered.orElse(null);
  }

  /**
   * Prepares a guard for {@code dataDir}, reading (not yet restoring) the settings a killed run of
   * this boot left in its state file; see the class description.
   */
  public static AuditSettingsGuard open(Path dataDir) throws IOException {
    Path stateFile = dataDir.resolve(STATE_FILE);
    String bootId = BootId.current();
    return new AuditSettingsGuard(stateFile, bootId, readLeftover(stateFile, bootId));
  }

  /**
   * The settings a previous run of this boot left in {@code stateFile}, if any; a file from an
   * earlier boot is deleted (the reboot reset the kernel).
   */
  public static Optional<SavedAuditSettings> readLeftover(Path stateFile, String bootId)
      throws IOException {
    if (!Files.exists(stateFile)) {
      return Optional.empty();
    }
    SavedAuditSettings found = SavedAuditSettings.decode(Files.readAllBytes(stateFile));
    if (!found.bootId().equals(bootId)) {
      LOG.info(
          "audit state file {} is from an earlier boot; the kernel was reset by the reboot",
          stateFile);
      Files.delete(stateFile);
      return Optional.empty();
    }
    LOG.warn(
        "a previous run (pid {}) left the kernel's audit settings changed; they stay in place and"
            + " the originals it saved will be restored at exit",
        found.ownerPid());
    return Optional.of(found);
  }

  /**
   * The original settings a killed run had saved, which this guard adopts at {@link #apply} or
   * restores at {@link #restore}, if any.
   */
  public Optional<SavedAuditSettings> recoveredFromCrash() {
    return recovered;
  }

  /** The settings saved by {@link #apply}, while they are changed. */
  public synchronized Optional<SavedAuditSettings> saved() {
    return Optional.ofNullable(saved);
  }

  /**
   * Saves the current settings to the state file, then applies {@code settings} and enables audit.
   * On failure whatever was changed is restored before the exception is thrown.
   *
   * @return the rules actually installed
   */
  public synchronized List<AuditRule> apply(Settings settings) throws IOException {
    if (saved != null) {
      throw new IllegalStateException("settings already applied; restore() first");
    }
    try (AuditNetlink netlink = AuditNetlink.open()) {
      AuditStatus status = netlink.status();
      if (status.enabled() == 2) {
        throw new AuditNetlinkException(
            "the kernel's audit configuration is locked (enabled=2, auditctl -e 2); reboot to"
                + " change it",
            0,
            AuditNetlinkException.Kind.LOCKED);
      }
      AuditRuleInstaller installer = new AuditRuleInstaller(netlink);
      if (leftover != null && leftover.key().equals(settings.key())) {
        return adopt(netlink, installer, status, settings);
      }
      if (leftover != null) {
        restore(netlink, leftover);
        Files.deleteIfExists(stateFile);
        leftover = null;
      }
      SavedAuditSettings found =
          new SavedAuditSettings(
              bootId,
              netlink.processId(),
              settings.key(),
              status.enabled(),
              status.backlogLimit(),
              status.backlogWaitTime(),
              installer.rulesWithKey(settings.key()));
      AtomicFiles.write(stateFile, found.encode());
      saved = found;
      installHook();
      try {
        installer.removeByKey(settings.key());
        netlink.set(
            AuditStatus.set(
                AuditStatus.MASK_BACKLOG_LIMIT | AuditStatus.MASK_BACKLOG_WAIT_TIME,
                0,
                0,
                settings.backlogLimit(),
                settings.backlogWaitTime()));
        List<AuditRule> installed = installer.install(settings.rules(), settings.key());
        netlink.set(AuditStatus.set(AuditStatus.MASK_ENABLED, 1, 0, 0, 0));
        LOG.info(
            "kernel audit: enabled, backlog_limit {} (was {}), backlog_wait_time {} (was {}),"
                + " {} rules under key {}",
            settings.backlogLimit(),
            status.backlogLimit(),
            settings.backlogWaitTime(),
            status.backlogWaitTime(),
            installed.size(),
            settings.key());
        return installed;
      } catch (IOException | RuntimeException e) {
        try {
          restore();
        } catch (IOException restoreFailure) {
          e.addSuppressed(restoreFailure);
        }
        throw e;
      }
    }
  }

  /**
   * Takes over what a killed run left: the originals it saved become this guard's (the state file
   * is rewritten with this process as owner), the installed rules of the key stay, missing ones are
   * added and stale ones removed after that, and the values are corrected.
   */
  private List<AuditRule> adopt(
      AuditNetlink netlink, AuditRuleInstaller installer, AuditStatus status, Settings settings)
      throws IOException {
    SavedAuditSettings adopted = leftover.withOwnerPid(netlink.processId());
    AtomicFiles.write(stateFile, adopted.encode());
    saved = adopted;
    leftover = null;
    installHook();
    try {
      AuditRuleInstaller.Reconciled rules = installer.reconcile(settings.rules(), settings.key());
      if (status.backlogLimit() != settings.backlogLimit()
          || status.backlogWaitTime() != settings.backlogWaitTime()) {
        netlink.set(
            AuditStatus.set(
                AuditStatus.MASK_BACKLOG_LIMIT | AuditStatus.MASK_BACKLOG_WAIT_TIME,
                0,
                0,
                settings.backlogLimit(),
                settings.backlogWaitTime()));
      }
      if (status.enabled() != 1) {
        netlink.set(AuditStatus.set(AuditStatus.MASK_ENABLED, 1, 0, 0, 0));
      }
      LOG.info(
          "kernel audit: kept the settings a killed run left (rules under key {}: {} kept, {} added,"
              + " {} stale removed); enabled, backlog_limit {}, backlog_wait_time {}; the originals"
              + " (enabled {}, backlog_limit {}, backlog_wait_time {}) are restored at exit",
          settings.key(),
          rules.kept(),
          rules.added(),
          rules.removed(),
          settings.backlogLimit(),
          settings.backlogWaitTime(),
          adopted.enabled(),
          adopted.backlogLimit(),
          adopted.backlogWaitTime());
      return rules.installed();
    } catch (IOException | RuntimeException e) {
      try {
        restore();
      } catch (IOException restoreFailure) {
        e.addSuppressed(restoreFailure);
      }
      throw e;
    }
  }

  /**
   * Puts back the saved settings (or a killed run's leftover that was never adopted) and deletes
   * the state file; does nothing when nothing is saved.
   */
  public synchronized void restore() throws IOException {
    if (saved == null && leftover != null) {
      try (AuditNetlink netlink = AuditNetlink.open()) {
        restore(netlink, leftover);
      }
      Files.deleteIfExists(stateFile);
      leftover = null;
      return;
    }
    if (saved == null) {
      return;
    }
    try (AuditNetlink netlink = AuditNetlink.open()) {
      restore(netlink, saved);
    }
    Files.deleteIfExists(stateFile);
    saved = null;
    removeHook();
  }

  private static void restore(AuditNetlink netlink, SavedAuditSettings s) throws IOException {
    AuditRuleInstaller installer = new AuditRuleInstaller(netlink);
    installer.removeByKey(s.key());
    for (byte[] rule : s.rulesWithKey()) {
      netlink.addRule(rule);
    }
    netlink.set(
        AuditStatus.set(
            AuditStatus.MASK_BACKLOG_LIMIT | AuditStatus.MASK_BACKLOG_WAIT_TIME,
            0,
            0,
            s.backlogLimit(),
            s.backlogWaitTime()));
    releaseDaemonSlot(netlink, s.ownerPid());
    netlink.set(AuditStatus.set(AuditStatus.MASK_ENABLED, s.enabled(), 0, 0, 0));
    LOG.info(
        "kernel audit restored: enabled {}, backlog_limit {}, backlog_wait_time {}, {} rules under"
            + " key {}",
        s.enabled(),
        s.backlogLimit(),
        s.backlogWaitTime(),
        s.rulesWithKey().size(),
        s.key());
  }

  /**
   * Clears the audit daemon registration when it is this process or the dead process that saved the
   * settings: the kernel lets only the registered process unregister, and notices a dead one only
   * when a new daemon registers, so a dead one is replaced by this process, which then unregisters.
   */
  private static void releaseDaemonSlot(AuditNetlink netlink, long ownerPid) throws IOException {
    long registered = netlink.status().pid();
    if (registered == 0) {
      return;
    }
    boolean self = registered == netlink.processId();
    boolean deadOwner = registered == ownerPid && ProcessHandle.of(ownerPid).isEmpty();
    if (!self && !deadOwner) {
      return;
    }
    if (!self) {
      netlink.set(AuditStatus.set(AuditStatus.MASK_PID, 0, netlink.processId(), 0, 0));
    }
    netlink.set(AuditStatus.set(AuditStatus.MASK_PID, 0, 0, 0, 0));
  }

  private void installHook() {
    if (hook != null) {
      return;
    }
    hook =
        new Thread(
            () -> {
              try {
                synchronized (this) {
                  hook = null;
                }
                restore();
              } catch (IOException | RuntimeException e) {
                LOG.error(
                    "could not restore the kernel's audit settings at shutdown; they are in {}"
                        + " and will be restored at the next start",
                    stateFile,
                    e);
              }
            },
            "whence-audit-restore");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void removeHook() {
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to; it finds nothing left to restore
      }
      hook = null;
    }
  }

  /** Same as {@link #restore()}. */
  @Override
  public void close() throws IOException {
    restore();
  }
}
