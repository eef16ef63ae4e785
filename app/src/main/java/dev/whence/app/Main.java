package dev.whence.app;

import dev.whence.app.broker.EmbeddedBrokerException;
import dev.whence.app.cli.BenchCommand;
import dev.whence.app.cli.BrokerCommand;
import dev.whence.app.cli.CollectCommand;
import dev.whence.app.cli.DemoCommand;
import dev.whence.app.cli.ImportCdmCommand;
import dev.whence.app.cli.QueryCommand;
import dev.whence.app.cli.RecordCommand;
import dev.whence.app.cli.ReplayCommand;
import dev.whence.app.cli.RulesCommand;
import dev.whence.app.cli.TopologyCommand;
import dev.whence.app.cli.UpCommand;
import dev.whence.app.cli.VersionProvider;
import dev.whence.app.cli.WhenceCommand;
import dev.whence.app.config.ConfigException;
import dev.whence.app.config.ConfigLoader;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code whence} command line. Exit codes: 0 success, 1 failure while running, 2 bad usage or
 * bad configuration, 3 subcommand not available in this build.
 */
@Command(
    name = "whence",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Security provenance: OS audit traces to a streaming provenance graph on Kafka.",
    subcommands = {
      BrokerCommand.class,
      DemoCommand.class,
      UpCommand.class,
      CollectCommand.class,
      TopologyCommand.class,
      ReplayCommand.class,
      RecordCommand.class,
      ImportCdmCommand.class,
      QueryCommand.class,
      RulesCommand.class,
      BenchCommand.class
    })
public final class Main implements Callable<Integer> {

  /** Exit code of bad usage or a bad setting. */
  public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

  /** Exit code of a failure while running. */
  public static final int EXIT_FAILURE = CommandLine.ExitCode.SOFTWARE;

  @Spec CommandSpec spec;

  /** Runs {@code whence} with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine(ConfigLoader.system()).execute(args));
  }

  /**
   * The {@code whence} command line, whose subcommands load their configuration with {@code
   * loader}; {@code execute(args)} runs it and returns the exit code.
   */
  public static CommandLine commandLine(ConfigLoader loader) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::handleFailure);
    cli.setParameterExceptionHandler(Main::handleUsageError);
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getCommand() instanceof WhenceCommand command) {
        command.useLoader(loader);
      }
    }
    return cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("whence: missing subcommand");
    spec.commandLine().usage(spec.commandLine().getErr());
    return EXIT_USAGE;
  }

  private static int handleUsageError(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    cli.getErr().println("whence: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, cli.getErr());
    cli.usage(cli.getErr());
    cli.getErr().flush();
    return EXIT_USAGE;
  }

  private static int handleFailure(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    if (e instanceof ConfigException) {
      cli.getErr().println("whence " + cli.getCommandName() + ": " + e.getMessage());
      cli.getErr().flush();
      return EXIT_USAGE;
    }
    LoggerFactory.getLogger(Main.class).debug("whence {} failed", cli.getCommandName(), e);
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    if (e instanceof EmbeddedBrokerException && e.getCause() != null) {
      message.append(": ").append(e.getCause().getMessage());
    }
    cli.getErr().println("whence " + cli.getCommandName() + ": " + message);
    cli.getErr().flush();
    return EXIT_FAILURE;
  }
}
