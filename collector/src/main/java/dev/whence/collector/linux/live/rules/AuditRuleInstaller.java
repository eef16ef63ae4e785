package dev.whence.collector.linux.live.rules;

import dev.whence.collector.linux.live.netlink.AuditNetlink;
import dev.whence.collector.linux.live.netlink.AuditNetlinkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs and removes kernel audit rules over netlink, always tagged with one key, so that only
 * rules carrying that key are ever removed (like {@code auditctl -D -k KEY}).
 */
public final class AuditRuleInstaller {

  private static final Logger LOG = LoggerFactory.getLogger(AuditRuleInstaller.class);

  private final AuditNetlink netlink;

  public AuditRuleInstaller(AuditNetlink netlink) {
    this.netlink = netlink;
  }

  /** The kernel's rules that carry {@code key}, each as listed (ready for AUDIT_DEL_RULE). */
  public List<byte[]> rulesWithKey(String key) throws AuditNetlinkException {
    List<byte[]> matching = new ArrayList<>();
    for (byte[] data : netlink.listRules()) {
      if (AuditRuleData.decode(data).hasKey(key)) {
        matching.add(data);
      }
    }
    return matching;
  }

  /** Removes every rule that carries {@code key}; returns how many were removed. */
  public int removeByKey(String key) throws AuditNetlinkException {
    int removed = 0;
    for (byte[] data : rulesWithKey(key)) {
      netlink.deleteRule(data);
      removed++;
    }
    return removed;
  }

  /**
   * What {@link #reconcile} did.
   *
   * @param installed the wanted rules, all now in the kernel
   * @param kept how many were already there
   * @param added how many were added
   * @param removed how many rules of the key that are not wanted were removed
   */
  public record Reconciled(List<AuditRule> installed, int kept, int added, int removed) {

    public Reconciled {
      installed = List.copyOf(installed);
    }
  }

  /**
   * Makes the kernel's rules of {@code key} equal {@code rules} (keys replaced by {@code key})
   * without ever removing a wanted one: rules already there stay, missing ones are added (in order,
   * at the end of the list), and only then are rules of the key that are not wanted removed. Rules
   * are compared as the kernel lists them (decoded), so a rule the kernel holds is recognised
   * whatever the byte order it was sent in. Watches of paths that do not exist are skipped.
   */
  public Reconciled reconcile(List<AuditRule> rules, String key) throws AuditNetlinkException {
    List<byte[]> present = rulesWithKey(key);
    List<AuditRule> presentRules = new ArrayList<>();
    for (byte[] data : present) {
      presentRules.add(AuditRuleData.decode(data));
    }
    List<AuditRule> wanted = new ArrayList<>();
    int kept = 0;
    int added = 0;
    for (AuditRule rule : rules) {
      if (watchOfMissingPath(rule)) {
        continue;
      }
      AuditRule keyed = AuditRuleData.decode(AuditRuleData.encode(rule.withKey(key)));
      wanted.add(keyed);
      if (presentRules.contains(keyed)) {
        kept++;
      } else {
        add(keyed);
        added++;
      }
    }
    int removed = 0;
    for (int i = 0; i < present.size(); i++) {
      if (!wanted.contains(presentRules.get(i))) {
        netlink.deleteRule(present.get(i));
        removed++;
      }
    }
    return new Reconciled(wanted, kept, added, removed);
  }

  /**
   * Adds {@code rules}, each with its keys replaced by {@code key}. Watches of paths that do not
   * exist on this host are skipped. On failure the rules added so far stay (the caller removes them
   * by key).
   *
   * @return the rules actually added
   */
  public List<AuditRule> install(List<AuditRule> rules, String key) throws AuditNetlinkException {
    List<AuditRule> added = new ArrayList<>();
    for (AuditRule rule : rules) {
      if (watchOfMissingPath(rule)) {
        continue;
      }
      AuditRule keyed = rule.withKey(key);
      add(keyed);
      added.add(keyed);
    }
    return added;
  }

  private void add(AuditRule keyed) throws AuditNetlinkException {
    try {
      netlink.addRule(AuditRuleData.encode(keyed));
    } catch (AuditNetlinkException e) {
      throw new AuditNetlinkException(
          e.getMessage() + " for rule: " + keyed.describe(SyscallTable.x8664()),
          e.errno(),
          e.kind());
    }
  }

  private static boolean watchOfMissingPath(AuditRule rule) {
    var watched = rule.text(RuleFields.WATCH).or(() -> rule.text(RuleFields.DIR));
    if (watched.isPresent() && !Files.exists(Path.of(watched.get()))) {
      LOG.info("audit watch on {} skipped: the path does not exist", watched.get());
      return true;
    }
    return false;
  }
}
