package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whence bench}: Measure pipeline throughput and latency on this machine. */
@Command(name = "bench", description = "Measure pipeline throughput and latency on this machine.")
public final class BenchCommand extends WhenceCommand {

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Number of events to push through the pipeline.")
  Long events;

  @Option(names = "--json", description = "Print the figures as one JSON object.")
  boolean json;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory: broker data, spool, Streams state (default: ~/.whence).")
  String dataDir;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none().put(Setting.DATA_DIR, dataDir);
  }

  @Override
  protected int execute(WhenceConfig config) {
    return notAvailable();
  }
}
