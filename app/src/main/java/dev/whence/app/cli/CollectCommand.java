package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import dev.whence.app.run.LiveCollectorLauncher;
import dev.whence.app.run.ShutdownSignal;
import dev.whence.collector.linux.live.AuditUnavailableException;
import dev.whence.collector.linux.run.CollectorSettings;
import dev.whence.collector.linux.run.LinuxAuditCollector;
import dev.whence.collector.linux.run.LinuxAuditFileCollector;
import dev.whence.collector.publish.PublisherConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code whence collect}: Collect events from one source and publish them to Kafka. */
@Command(
    name = "collect",
    resourceBundle = HelpValues.BUNDLE,
    description = "Collect events from one source and publish them to Kafka.")
public final class CollectCommand extends WhenceCommand {

  @Option(
      names = "--source",
      required = true,
      paramLabel = "SOURCE",
      description =
          "What to read: linux-audit (the kernel's audit, live) or linux-audit-file:PATH (an audit"
              + " log as auditd writes it, read once).")
  String source;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(
      names = "--host-id",
      paramLabel = "ID",
      description = "Identity of this host in events (default: the host name).")
  String hostId;

  @Option(
      names = "--spool-dir",
      paramLabel = "DIR",
      description = "Spool directory for records the broker has not taken yet.")
  String spoolDir;

  @Option(
      names = "--spool-max-bytes",
      paramLabel = "SIZE",
      description = "Largest spool size, e.g. 512MiB (default: ${bundle:spool-max-bytes.default}).")
  String spoolMaxBytes;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory: broker data, spool, Streams state (default: ~/.whence).")
  String dataDir;

  @Option(
      names = "--from-beginning",
      description =
          "In auditd-file mode without a checkpoint, read the existing logs from their beginning"
              + " (default: only what auditd writes from now on).")
  boolean fromBeginning;

  @Option(
      names = "--status-interval",
      paramLabel = "DURATION",
      description =
          "Time between two status heartbeats on whence.status, e.g. 5s (default:"
              + " ${bundle:status-interval.default}).")
  String statusInterval;

  @Mixin LinuxAuditOptions audit = new LinuxAuditOptions();

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none()
        .put(Setting.BOOTSTRAP, bootstrap)
        .put(Setting.HOST_ID, hostId)
        .put(Setting.SPOOL_DIR, spoolDir)
        .put(Setting.SPOOL_MAX_BYTES, spoolMaxBytes)
        .put(Setting.DATA_DIR, dataDir)
        .put(Setting.STATUS_INTERVAL, statusInterval);
  }

  @Override
  protected int execute(WhenceConfig config) throws Exception {
    String kind = source.strip().toLowerCase(Locale.ROOT);
    Path file = null;
    for (String prefix : List.of("linux-audit-file:", "file:")) {
      if (kind.startsWith(prefix)) {
        file = Path.of(source.strip().substring(prefix.length()));
      }
    }
    if (!kind.equals("linux-audit") && file == null) {
      err()
          .println(
              "whence collect: unknown --source '"
                  + source
                  + "' (known: linux-audit, linux-audit-file:PATH)");
      err().flush();
      return 2;
    }
    if (config.bootstrapServers().isEmpty()) {
      err().println("whence collect: --bootstrap HOST:PORT is required (the broker to publish to)");
      err().flush();
      return 2;
    }
    if (file != null) {
      return publishFile(config, file);
    }
    CollectorSettings settings;
    try {
      settings = launcher().settings(config, config.bootstrapServers().get());
    } catch (IllegalArgumentException | IOException e) {
      err().println("whence collect: " + e.getMessage());
      err().flush();
      return 2;
    }
    LinuxAuditCollector collector;
    try {
      collector = LinuxAuditCollector.start(settings, Clock.systemUTC());
    } catch (AuditUnavailableException e) {
      String message = e.getMessage();
      err().println(message.startsWith("whence ") ? message : "whence collect: " + message);
      err().flush();
      return 1;
    }
    ShutdownSignal.install("whence-collect").register(collector);
    err()
        .println(
            "whence collect: reading Linux audit ("
                + collector.mode()
                + ") of host "
                + config.hostId()
                + " into "
                + config.bootstrapServers().get()
                + "; Ctrl-C stops and restores the audit settings");
    err().flush();
    try {
      collector.run();
    } finally {
      collector.close();
    }
    return collector.failure() == null ? 0 : 1;
  }

  private int publishFile(WhenceConfig config, Path file) throws Exception {
    if (!Files.isReadable(file)) {
      err().println("whence collect: cannot read " + file);
      err().flush();
      return 2;
    }
    LinuxAuditFileCollector.Result r =
        LinuxAuditFileCollector.publish(
            file,
            config.hostId(),
            settingsForFile(config),
            Clock.systemUTC(),
            Duration.ofMinutes(5));
    err()
        .println(
            "whence collect: "
                + file
                + ": "
                + r.lines()
                + " lines, "
                + r.events()
                + " events, "
                + r.rejected()
                + " rejected"
                + (r.complete() ? "" : "; not all acknowledged, the rest waits in the spool"));
    err().flush();
    return r.failure() == null && r.complete() ? 0 : 1;
  }

  private LiveCollectorLauncher launcher() {
    return audit.launcher(fromBeginning, "whence collect");
  }

  private PublisherConfig settingsForFile(WhenceConfig config) throws IOException {
    return launcher().settings(config, config.bootstrapServers().get()).publisher();
  }
}
