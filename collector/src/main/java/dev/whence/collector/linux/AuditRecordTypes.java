package dev.whence.collector.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Audit record type names and numbers (resource {@code record-types.tsv}: kernel types from
 * linux/audit.h, user-space types from audit-userspace's audit-records.h), and which types form an
 * event of their own.
 */
public final class AuditRecordTypes {

  private static final Map<String, Integer> BY_NAME = new HashMap<>();
  private static final Map<Integer, String> BY_NUMBER = new HashMap<>();

  static {
    try (InputStream in = AuditRecordTypes.class.getResourceAsStream("record-types.tsv")) {
      if (in == null) {
        throw new IllegalStateException("resource record-types.tsv is missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        int number = Integer.parseInt(line.substring(0, tab));
        String name = line.substring(tab + 1).intern();
        BY_NAME.putIfAbsent(name, number);
        BY_NUMBER.putIfAbsent(number, name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read record-types.tsv", e);
    }
  }

  private AuditRecordTypes() {}

  /** The number of a type name, or -1 when unknown. */
  public static int number(String name) {
    Integer n = BY_NAME.get(name);
    return n == null ? -1 : n;
  }

  /** The name of a type number, or null when unknown. */
  public static String name(int number) {
    return BY_NUMBER.get(number);
  }

  /**
   * Whether records of this type are events of their own that never see an EOE: user-space messages
   * (1100-1299 incl. the audit daemon's, 2100-2999). Kernel types wait for the rest of their event.
   */
  public static boolean isStandalone(int number, String name) {
    if (number >= 0) {
      return (number >= 1100 && number <= 1299) || (number >= 2100 && number <= 2999);
    }
    return name.startsWith("USER_")
        || name.startsWith("CRED_")
        || name.startsWith("DAEMON_")
        || name.startsWith("ANOM_LOGIN")
        || name.startsWith("RESP_")
        || name.startsWith("CRYPTO_")
        || name.startsWith("VIRT_");
  }

  /** Whether the type is one of the audit daemon's own records (its own serial numbers). */
  public static boolean isDaemon(int number) {
    return number >= 1200 && number <= 1299;
  }
}
