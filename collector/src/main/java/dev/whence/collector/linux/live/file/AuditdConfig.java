package dev.whence.collector.linux.live.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of auditd.conf a log reader needs: where the log is ({@code log_file}), its format and
 * how many rotated files auditd keeps.
 *
 * @param logFile the active log file
 * @param logFormat RAW or ENRICHED
 * @param numLogs rotated files auditd keeps (log_file.1 .. log_file.(numLogs-1))
 */
public record AuditdConfig(Path logFile, String logFormat, int numLogs) {

  /** Debian's and auditd's default configuration file. */
  public static final Path DEFAULT_PATH = Path.of("/etc/audit/auditd.conf");

  /** Defaults when the file does not say otherwise. */
  public static final Path DEFAULT_LOG_FILE = Path.of("/var/log/audit/audit.log");

  /** Reads {@code conf}; a missing file yields auditd's defaults. */
  public static AuditdConfig read(Path conf) throws IOException {
    if (!Files.exists(conf)) {
      return new AuditdConfig(DEFAULT_LOG_FILE, "ENRICHED", 5);
    }
    return parse(Files.readString(conf, StandardCharsets.UTF_8));
  }

  /** Parses auditd.conf text ({@code key = value} lines, {@code #} comments). */
  public static AuditdConfig parse(String text) {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      int eq = l.indexOf('=');
      if (l.isEmpty() || l.startsWith("#") || eq < 0) {
        continue;
      }
      values.put(l.substring(0, eq).strip().toLowerCase(Locale.ROOT), l.substring(eq + 1).strip());
    }
    Path log = Path.of(values.getOrDefault("log_file", DEFAULT_LOG_FILE.toString()));
    String format = values.getOrDefault("log_format", "ENRICHED").toUpperCase(Locale.ROOT);
    int numLogs;
    try {
      numLogs = Integer.parseInt(values.getOrDefault("num_logs", "5"));
    } catch (NumberFormatException e) {
      numLogs = 5;
    }
    return new AuditdConfig(log, format, Math.max(numLogs, 0));
  }
}
