package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.ConfigLoader;
import dev.whence.app.config.WhenceConfig;
import dev.whence.app.logging.LogLevels;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: applies {@code --verbose}, loads the {@link WhenceConfig} (defaults,
 * then {@code --config FILE}, then the flags of {@link #flags()}) and calls {@link
 * #execute(WhenceConfig)}. A bad setting ends the command with exit code 2 before it does anything.
 */
public abstract class WhenceCommand implements Callable<Integer> {

  /** Exit code of a subcommand that this build does not implement yet. */
  public static final int EXIT_NOT_AVAILABLE = 3;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  private ConfigLoader loader = ConfigLoader.system();

  @Override
  public final Integer call() throws Exception {
    LogLevels.apply(common.verbose(), System.getenv(), err());
    WhenceConfig config = loader.load(common.configFile(), flags());
    return execute(config);
  }

  /** The settings this subcommand's flags give; none by default. */
  protected ConfigFlags flags() {
    return ConfigFlags.none();
  }

  /** Runs the subcommand with its configuration and returns the exit code. */
  protected abstract int execute(WhenceConfig config) throws Exception;

  /** Standard output of the command line (for results). */
  protected final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Standard error of the command line (for messages to the user). */
  protected final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Says that this subcommand is not in this build and returns {@link #EXIT_NOT_AVAILABLE}. */
  protected final int notAvailable() {
    err().println("whence " + spec.name() + " is not available in this build yet");
    err().flush();
    return EXIT_NOT_AVAILABLE;
  }

  /** Exit code of a command line that lacks what the subcommand needs. */
  public static final int EXIT_USAGE = 2;

  /**
   * The bootstrap servers of a subcommand that needs an external broker, or null after telling the
   * user how to give them (return {@link #EXIT_USAGE} then).
   */
  protected final String requiredBootstrap(WhenceConfig config) {
    if (config.bootstrapServers().isPresent()) {
      return config.bootstrapServers().get();
    }
    err()
        .println(
            "whence "
                + spec.name()
                + " needs a Kafka broker: give --bootstrap HOST:PORT (e.g. from `whence broker`)");
    err().flush();
    return null;
  }

  /** Replaces the configuration loader (tests use fixed defaults). */
  public final void useLoader(ConfigLoader loader) {
    this.loader = loader;
  }
}
