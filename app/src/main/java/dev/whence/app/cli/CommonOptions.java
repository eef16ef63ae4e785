package dev.whence.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every subcommand accepts: the configuration file and verbosity. */
public final class CommonOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (.yaml, .yml or .properties); flags override it.")
  Path configFile;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log more: Whence at DEBUG, Kafka at INFO (all logs go to stderr).")
  boolean verbose;

  /** The {@code --config} file, if given. */
  public Optional<Path> configFile() {
    return Optional.ofNullable(configFile);
  }

  /** Whether {@code --verbose} was given. */
  public boolean verbose() {
    return verbose;
  }
}
