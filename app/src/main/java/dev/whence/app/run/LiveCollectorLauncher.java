package dev.whence.app.run;

import dev.whence.app.config.WhenceConfig;
import dev.whence.collector.linux.live.LiveAuditSource;
import dev.whence.collector.linux.live.ReadingMode;
import dev.whence.collector.linux.live.file.AuditLogTailer;
import dev.whence.collector.linux.live.rules.AuditRule;
import dev.whence.collector.linux.live.rules.AuditRuleParser;
import dev.whence.collector.linux.live.rules.AuditRuleProfile;
import dev.whence.collector.linux.run.CollectorSettings;
import dev.whence.collector.publish.PublisherConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The live Linux collector's settings from the configuration and the command line, shared by {@code
 * whence collect} and {@code whence up}.
 *
 * @param mode reading mode: auto, netlink or auditd-file
 * @param profile rule profile: minimal, standard or full
 * @param rulesFile rules in auditctl syntax instead of the profile, or null
 * @param auditdConf auditd's configuration file, or null for the default
 * @param fromBeginning whether a first start in auditd-file mode reads the existing logs
 * @param command the command named in messages (e.g. "whence up")
 */
public record LiveCollectorLauncher(
    String mode,
    String profile,
    Path rulesFile,
    Path auditdConf,
    boolean fromBeginning,
    String command) {

  /**
   * The collector's settings publishing to {@code bootstrap}.
   *
   * @throws IllegalArgumentException for an unknown mode or profile, or unreadable rules
   */
  public CollectorSettings settings(WhenceConfig config, String bootstrap) throws IOException {
    return CollectorSettings.of(
            config.hostId(),
            sourceOptions(config.dataDir().resolve("audit"), null),
            publisher(config, bootstrap))
        .withStatusInterval(config.statusInterval());
  }

  private static PublisherConfig publisher(WhenceConfig config, String bootstrap) {
    return PublisherSettings.at(config, bootstrap, config.spoolDir())
        .withClientId("whence-collector-" + config.hostId());
  }

  /**
   * The audit source's options: state files in {@code stateDir}, netlink lines prefixed {@code
   * node=NODE } when {@code nodeName} is not null.
   *
   * @throws IllegalArgumentException for an unknown mode or profile, or unreadable rules
   */
  public LiveAuditSource.Options sourceOptions(Path stateDir, String nodeName) throws IOException {
    ReadingMode readingMode =
        switch (mode.strip().toLowerCase(Locale.ROOT)) {
          case "auto" -> ReadingMode.AUTO;
          case "netlink" -> ReadingMode.NETLINK;
          case "auditd-file", "file" -> ReadingMode.AUDITD_FILE;
          default ->
              throw new IllegalArgumentException(
                  "unknown --mode '" + mode + "' (auto, netlink or auditd-file)");
        };
    AuditRuleParser parser = AuditRuleParser.forHost();
    List<AuditRule> rules =
        rulesFile != null
            ? parser.parse(Files.readString(rulesFile), rulesFile.toString())
            : AuditRuleProfile.named(profile).rules(parser);
    LiveAuditSource.Options d = LiveAuditSource.Options.defaults(stateDir);
    return new LiveAuditSource.Options(
        d.dataDir(),
        readingMode,
        d.key(),
        rules,
        d.backlogLimit(),
        d.backlogWaitTime(),
        auditdConf != null ? auditdConf : d.auditdConf(),
        nodeName,
        fromBeginning ? AuditLogTailer.StartAt.BEGINNING : AuditLogTailer.StartAt.END,
        command);
  }
}
