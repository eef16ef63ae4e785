package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whence up}: Run the live pipeline on this host (collector, topology, API). */
@Command(
    name = "up",
    description = "Run the live pipeline on this host (collector, topology, API).")
public final class UpCommand extends WhenceCommand {

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Kafka bootstrap servers (default: the embedded broker).")
  String bootstrap;

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

  @Option(
      names = "--host-id",
      paramLabel = "ID",
      description = "Identity of this host in events (default: the host name).")
  String hostId;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none()
        .put(Setting.BOOTSTRAP, bootstrap)
        .put(Setting.HTTP_PORT, httpPort)
        .put(Setting.DATA_DIR, dataDir)
        .put(Setting.HOST_ID, hostId);
  }

  @Override
  protected int execute(WhenceConfig config) {
    return notAvailable();
  }
}
