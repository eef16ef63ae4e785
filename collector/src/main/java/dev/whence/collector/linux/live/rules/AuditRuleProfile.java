package dev.whence.collector.linux.live.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The bundled rule profiles, {@code audit-profiles/<name>.rules}: {@link #MINIMAL} (process tree,
 * network, privilege, modules), {@link #STANDARD} (the default: adds file changes, opens with write
 * intent and reads of credential files) and {@link #FULL} (adds every open, close, read and write).
 */
public enum AuditRuleProfile {
  MINIMAL,
  STANDARD,
  FULL;

  /** The profile's name as on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The profile named {@code name} (case-insensitive). */
  public static AuditRuleProfile named(String name) {
    for (AuditRuleProfile p : values()) {
      if (p.label().equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown audit rule profile '" + name + "' (minimal, standard or full)");
  }

  /** The rules file's text. */
  public String text() {
    String resource = "/audit-profiles/" + label() + ".rules";
    try (InputStream in = AuditRuleProfile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  /** The parsed rules. */
  public List<AuditRule> rules(AuditRuleParser parser) {
    return parser.parse(text(), label() + ".rules");
  }
}
