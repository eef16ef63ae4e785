package dev.whence.app.cli;

import dev.whence.app.run.LiveCollectorLauncher;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads the kernel's audit ({@code up}, {@code collect}, {@code
 * record}): reading mode, rule profile or rules file, and auditd's configuration.
 */
public final class LinuxAuditOptions {

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "Linux audit: auto (auditd's files when auditd runs, else netlink), netlink or"
              + " auditd-file (default: ${DEFAULT-VALUE}).")
  String mode = "auto";

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description =
          "Linux audit rule profile: minimal, standard or full (default: ${DEFAULT-VALUE}).")
  String profile = "standard";

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description = "Linux audit rules in auditctl syntax, instead of --profile.")
  Path rulesFile;

  @Option(
      names = "--auditd-conf",
      paramLabel = "FILE",
      description = "auditd's configuration, to find its log (default: /etc/audit/auditd.conf).")
  Path auditdConf;

  /** The collector's launcher for these options. */
  LiveCollectorLauncher launcher(boolean fromBeginning, String command) {
    return new LiveCollectorLauncher(mode, profile, rulesFile, auditdConf, fromBeginning, command);
  }
}
