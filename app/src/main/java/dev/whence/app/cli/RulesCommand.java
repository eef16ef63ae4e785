package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whence rules}: Check rule files or publish them to the live rule set. */
@Command(name = "rules", description = "Check rule files or publish them to the live rule set.")
public final class RulesCommand extends WhenceCommand {

  @Parameters(index = "0", paramLabel = "ACTION", description = "check or publish.")
  String action;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "PATH",
      description = "Rule files or directories (default: rules/).")
  List<Path> paths;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Kafka bootstrap servers (default: the embedded broker).")
  String bootstrap;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none().put(Setting.BOOTSTRAP, bootstrap);
  }

  @Override
  protected int execute(WhenceConfig config) {
    return notAvailable();
  }
}
