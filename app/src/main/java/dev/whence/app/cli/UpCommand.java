package dev.whence.app.cli;

import dev.whence.app.broker.EmbeddedBroker;
import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import dev.whence.app.run.ShutdownSignal;
import dev.whence.app.run.TopologyLauncher;
import dev.whence.collector.linux.live.AuditHostCheck;
import dev.whence.collector.linux.live.AuditUnavailableException;
import dev.whence.collector.linux.live.ReadingMode;
import dev.whence.collector.linux.run.LinuxAuditCollector;
import dev.whence.topology.TopologyService;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code whence up}: Run the live pipeline on this host (collector, topology, API). */
@Command(
    name = "up",
    resourceBundle = HelpValues.BUNDLE,
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
      description =
          "Port of the HTTP query service and web UI (default: ${bundle:http-port.default}; 0: any"
              + " free port).")
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

  @Mixin LinuxAuditOptions audit = new LinuxAuditOptions();

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none()
        .put(Setting.BOOTSTRAP, bootstrap)
        .put(Setting.HTTP_PORT, httpPort)
        .put(Setting.DATA_DIR, dataDir)
        .put(Setting.HOST_ID, hostId);
  }

  @Override
  protected int execute(WhenceConfig config) throws Exception {
    try {
      AuditHostCheck.check("whence up", ReadingMode.AUTO);
    } catch (AuditUnavailableException e) {
      err().println(e.getMessage());
      err().flush();
      return 1;
    }
    ShutdownSignal signal = ShutdownSignal.install("whence-up");
    String brokers;
    if (config.embeddedBroker()) {
      brokers =
          signal
              .register(EmbeddedBroker.start(config.brokerDir(), config.brokerPort()))
              .bootstrapServers();
    } else {
      brokers = config.bootstrapServers().get();
    }
    TopologyService topology =
        signal.register(TopologyLauncher.start(config, brokers, config.httpPort()));
    LinuxAuditCollector collector;
    try {
      collector =
          LinuxAuditCollector.start(
              audit.launcher(false, "whence up").settings(config, brokers), Clock.systemUTC());
    } catch (AuditUnavailableException | IllegalArgumentException e) {
      err().println("whence up: " + e.getMessage());
      err().flush();
      signal.closeNow();
      return 1;
    }
    signal.register(collector);
    Thread reader = new Thread(() -> runCollector(collector), "whence-up-collector");
    reader.setDaemon(true);
    reader.start();
    err()
        .printf(
            "whence up: collecting Linux audit (%s) of host %s into %s; query service on http://localhost:%d/api/stats ; Ctrl-C stops and restores the audit settings%n",
            collector.mode(), config.hostId(), brokers, topology.httpPort());
    err().flush();
    signal.await();
    return 0;
  }

  private static void runCollector(LinuxAuditCollector collector) {
    try {
      collector.run();
    } catch (Exception e) {
      LoggerFactory.getLogger(UpCommand.class).error("the collector stopped", e);
    }
  }
}
