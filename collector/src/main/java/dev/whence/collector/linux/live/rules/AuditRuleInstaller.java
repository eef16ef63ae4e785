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
   * Adds {@code rules}, each with its keys replaced by {@code key}. Watches of paths that do not
   * exist on this host are skipped. On failure the rules added so far stay (the caller removes them
   * by key).
   *
   * @return the rules actually added
   */
  public List<AuditRule> install(List<AuditRule> rules, String key) throws AuditNetlinkException {
    List<AuditRule> added = new ArrayList<>();
    for (AuditRule rule : rules) {
      var watched = rule.text(RuleFields.WATCH).or(() -> rule.text(RuleFields.DIR));
      if (watched.isPresent() && !Files.exists(Path.of(watched.get()))) {
        LOG.info("audit watch on {} skipped: the path does not exist", watched.get());
        continue;
      }
      AuditRule keyed = rule.withKey(key);
      try {
        netlink.addRule(AuditRuleData.encode(keyed));
      } catch (AuditNetlinkException e) {
        throw new AuditNetlinkException(
            e.getMessage() + " for rule: " + keyed.describe(SyscallTable.x8664()),
            e.errno(),
            e.kind());
      }
      added.add(keyed);
    }
    return added;
  }
}
