package dev.whence.collector.linux.live;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The host's kernel audit settings as Whence found them, kept in the data dir while Whence has
 * changed them: the enabled flag, backlog limit and wait time, and the rules that already carried
 * Whence's key (each as the kernel's {@code audit_rule_data} bytes).
 *
 * @param bootId boot in which they were saved; after a reboot they no longer apply
 * @param ownerPid process that changed the settings
 * @param key the rule key Whence uses
 * @param enabled the enabled flag (0 or 1)
 * @param backlogLimit the backlog limit
 * @param backlogWaitTime the backlog wait time, in jiffies
 * @param rulesWithKey rules that carried the key before Whence started
 */
public record SavedAuditSettings(
    String bootId,
    long ownerPid,
    String key,
    long enabled,
    long backlogLimit,
    long backlogWaitTime,
    List<byte[]> rulesWithKey) {

  public SavedAuditSettings {
    rulesWithKey = List.copyOf(rulesWithKey);
  }

  /** These settings as saved by another process (a run that adopts a killed run's file). */
  public SavedAuditSettings withOwnerPid(long pid) {
    return new SavedAuditSettings(
        bootId, pid, key, enabled, backlogLimit, backlogWaitTime, rulesWithKey);
  }

  /** The state file's text. */
  public byte[] encode() {
    Properties p = new Properties();
    p.setProperty("bootId", bootId);
    p.setProperty("ownerPid", Long.toString(ownerPid));
    p.setProperty("key", key);
    p.setProperty("enabled", Long.toString(enabled));
    p.setProperty("backlogLimit", Long.toString(backlogLimit));
    p.setProperty("backlogWaitTime", Long.toString(backlogWaitTime));
    p.setProperty("rules", Integer.toString(rulesWithKey.size()));
    for (int i = 0; i < rulesWithKey.size(); i++) {
      p.setProperty("rule." + i, Base64.getEncoder().encodeToString(rulesWithKey.get(i)));
    }
    StringWriter out = new StringWriter();
    try {
      p.store(out, "kernel audit settings before Whence changed them; restored at exit");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Reads a state file's text.
   *
   * @throws IOException naming the missing or malformed property
   */
  public static SavedAuditSettings decode(byte[] text) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(new String(text, StandardCharsets.ISO_8859_1)));
    int count = (int) number(p, "rules");
    List<byte[]> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String value = required(p, "rule." + i);
      try {
        rules.add(Base64.getDecoder().decode(value));
      } catch (IllegalArgumentException e) {
        throw new IOException("audit state: rule." + i + " is not base64", e);
      }
    }
    return new SavedAuditSettings(
        required(p, "bootId"),
        number(p, "ownerPid"),
        required(p, "key"),
        number(p, "enabled"),
        number(p, "backlogLimit"),
        number(p, "backlogWaitTime"),
        rules);
  }

  private static String required(Properties p, String name) throws IOException {
    String value = p.getProperty(name);
    if (value == null) {
      throw new IOException("audit state: missing " + name);
    }
    return value.strip();
  }

  private static long number(Properties p, String name) throws IOException {
    String value = required(p, name);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IOException("audit state: " + name + " is not a number: " + value, e);
    }
  }
}
