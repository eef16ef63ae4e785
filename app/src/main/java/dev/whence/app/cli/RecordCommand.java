package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whence record}: Record this host's audit trace to a file for later replay. */
@Command(
    name = "record",
    description = "Record this host's audit trace to a file for later replay.")
public final class RecordCommand extends WhenceCommand {

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      description = "What to record (default: the kernel's audit).")
  String source;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Recording file to write.")
  Path output;

  @Option(
      names = "--host",
      paramLabel = "ID",
      description = "Host id to stamp on the replayed events (default: the host name).")
  String host;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none().put(Setting.HOST_ID, "--host", host);
  }

  @Override
  protected int execute(WhenceConfig config) {
    return notAvailable();
  }
}
