package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whence demo}: Replay the bundled recordings and print the alerts. */
@Command(name = "demo", description = "Replay the bundled recordings and print the alerts.")
public final class DemoCommand extends WhenceCommand {

  @Option(
      names = "--json",
      description = "Print one JSON alert per line on stdout and nothing else.")
  boolean json;

  @Option(
      names = "--serve",
      description = "Keep the query service and web UI running after the replay.")
  boolean serve;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "Port of the HTTP query service and web UI (default: 7070; 0: any free port).")
  String httpPort;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory: broker data, spool, Streams state (default: ~/.whence).")
  String dataDir;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none().put(Setting.HTTP_PORT, httpPort).put(Setting.DATA_DIR, dataDir);
  }

  @Override
  protected int execute(WhenceConfig config) {
    return notAvailable();
  }
}
