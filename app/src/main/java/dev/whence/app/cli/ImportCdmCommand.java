package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whence import-cdm}: Import DARPA CDM files and publish them as events. */
@Command(name = "import-cdm", description = "Import DARPA CDM files and publish them as events.")
public final class ImportCdmCommand extends WhenceCommand {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "CDM files to import.")
  List<Path> files;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(
      names = "--host",
      paramLabel = "ID",
      description = "Host id to stamp on the replayed events (default: the host name).")
  String host;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none()
        .put(Setting.BOOTSTRAP, bootstrap)
        .put(Setting.HOST_ID, "--host", host);
  }

  @Override
  protected int execute(WhenceConfig config) {
    return notAvailable();
  }
}
