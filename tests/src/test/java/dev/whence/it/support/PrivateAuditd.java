package dev.whence.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An auditd of the test's own ({@code auditd -n -c DIR}), writing ENRICHED records to a log in a
 * temporary directory, with no node name (so events carry the collector's host id).
 */
public final class PrivateAuditd implements AutoCloseable {

  private static final Pattern SERIAL = Pattern.compile("msg=audit\\(\\d+\\.\\d+:(\\d+)\\)");

  private final Process process;
  private final Path conf;
  private final Path log;

  private PrivateAuditd(Process process, Path conf, Path log) {
    this.process = process;
    this.conf = conf;
    this.log = log;
  }

  /** Writes the configuration into {@code dir} and starts auditd in the foreground. */
  public static PrivateAuditd start(Path dir) throws IOException, InterruptedException {
    Path plugins = Files.createDirectories(dir.resolve("plugins.d"));
    Path log = dir.resolve("audit.log");
    Path conf = dir.resolve("auditd.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "local_events = yes",
            "write_logs = yes",
            "log_file = " + log,
            "log_format = ENRICHED",
            "flush = INCREMENTAL_ASYNC",
            "freq = 50",
            "max_log_file = 2000",
            "num_logs = 2",
            "max_log_file_action = IGNORE",
            "name_format = NONE",
            "space_left = 75",
            "space_left_action = IGNORE",
            "admin_space_left = 50",
            "admin_space_left_action = IGNORE",
            "disk_full_action = IGNORE",
            "disk_error_action = IGNORE",
            "plugin_dir = " + plugins,
            "q_depth = 2000",
            "overflow_action = IGNORE",
            "end_of_event_timeout = 2",
            ""),
        StandardCharsets.US_ASCII);
    Process p =
        new ProcessBuilder("auditd", "-n", "-c", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("auditd.out").toFile()))
            .start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end && !Files.exists(log)) {
      if (!p.isAlive()) {
        throw new IOException(
            "auditd exited with "
                + p.exitValue()
                + ": "
                + Files.readString(dir.resolve("auditd.out")));
      }
      Thread.sleep(100);
    }
    Thread.sleep(500);
    return new PrivateAuditd(p, conf, log);
  }

  /** Its configuration file (for {@code --auditd-conf}). */
  public Path conf() {
    return conf;
  }

  /** Its log file. */
  public Path log() {
    return log;
  }

  /** Its process id. */
  public long pid() {
    return process.pid();
  }

  /**
   * The serials of SYSCALL records of system call {@code number} by processes named {@code comm}.
   */
  public Set<Long> syscallSerials(String comm, int number) throws IOException {
    Set<Long> out = new HashSet<>();
    String needle = "comm=\"" + comm + "\"";
    String call = " syscall=" + number + " ";
    try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      lines
          .filter(l -> l.startsWith("type=SYSCALL ") && l.contains(call) && l.contains(needle))
          .forEach(
              l -> {
                Matcher m = SERIAL.matcher(l);
                if (m.find()) {
                  out.add(Long.parseLong(m.group(1)));
                }
              });
    }
    return out;
  }

  /** Stops auditd (SIGTERM) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
