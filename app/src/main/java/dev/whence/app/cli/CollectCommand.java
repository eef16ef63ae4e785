package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whence collect}: Collect events from one source and publish them to Kafka. */
@Command(
    name = "collect",
    description = "Collect events from one source and publish them to Kafka.")
public final class CollectCommand extends WhenceCommand {

  @Option(
      names = "--source",
      required = true,
      paramLabel = "SOURCE",
      description = "What to read, e.g. the kernel's audit or a trace file.")
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
      description = "Largest spool size, e.g. 512MiB (default: 1GiB).")
  String spoolMaxBytes;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory: broker data, spool, Streams state (default: ~/.whence).")
  String dataDir;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none()
        .put(Setting.BOOTSTRAP, bootstrap)
        .put(Setting.HOST_ID, hostId)
        .put(Setting.SPOOL_DIR, spoolDir)
        .put(Setting.SPOOL_MAX_BYTES, spoolMaxBytes)
        .put(Setting.DATA_DIR, dataDir);
  }

  @Override
  protected int execute(WhenceConfig config) {
    return notAvailable();
  }
}
