package dev.whence.app.cli;

import dev.whence.app.broker.EmbeddedBroker;
import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import dev.whence.app.run.ShutdownSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whence broker}: the embedded single-node KRaft broker, until Ctrl-C. */
@Command(
    name = "broker",
    resourceBundle = HelpValues.BUNDLE,
    description = "Run a single-node Kafka broker with the Whence topics.")
public final class BrokerCommand extends WhenceCommand {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "Client port on 127.0.0.1 (default: ${bundle:broker-port.default}; 0: any free port).")
  String port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory; the broker keeps its logs in DIR/kafka (default: ~/.whence).")
  String dataDir;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none()
        .put(Setting.BROKER_PORT, "--port", port)
        .put(Setting.DATA_DIR, dataDir);
  }

  @Override
  protected int execute(WhenceConfig config) throws InterruptedException {
    ShutdownSignal signal = ShutdownSignal.install("whence-broker");
    EmbeddedBroker broker =
        signal.register(EmbeddedBroker.start(config.brokerDir(), config.brokerPort()));
    out().println(broker.bootstrapServers());
    out().flush();
    err()
        .println(
            "whence broker: Kafka on "
                + broker.bootstrapServers()
                + ", data in "
                + broker.dataDir()
                + "; Ctrl-C stops it");
    err().flush();
    signal.await();
    return 0;
  }
}
