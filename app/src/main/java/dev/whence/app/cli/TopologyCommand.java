package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import dev.whence.app.run.ShutdownSignal;
import dev.whence.app.run.TopologyLauncher;
import dev.whence.topology.TopologyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whence topology}: Run the provenance graph topology and its HTTP query service. */
@Command(
    name = "topology",
    description = "Run the provenance graph topology and its HTTP query service.")
public final class TopologyCommand extends WhenceCommand {

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "Port of the HTTP query service and web UI (default: 7070; 0: any free port).")
  String httpPort;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      description = "Kafka Streams application id (default: whence-topology).")
  String applicationId;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Directory of the state stores (default: DATA-DIR/streams).")
  String stateDir;

  @Option(
      names = "--exactly-once",
      negatable = true,
      description = "Process with exactly_once_v2 (default: true).")
  Boolean exactlyOnce;

  @Option(
      names = "--graph-cache-entries",
      paramLabel = "N",
      description =
          "Decoded graph-state entries cached per task (default: 20000); more spares store reads"
              + " on hosts with many active processes, at the cost of heap.")
  String graphCacheEntries;

  @Option(
      names = "--incident-window",
      paramLabel = "DURATION",
      description =
          "Largest gap in event time between two connected alerts of one incident, e.g. 10m or"
              + " 1h (default: 10m; at most 1 day).")
  String incidentWindow;

  @Option(
      names = "--stitch-window",
      paramLabel = "DURATION",
      description =
          "Largest gap in event time between a connect on one host and the accept it is stitched"
              + " to on another, clock skew included (default: 10s; at most 1 day).")
  String stitchWindow;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory: broker data, spool, Streams state (default: ~/.whence).")
  String dataDir;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none()
        .put(Setting.BOOTSTRAP, bootstrap)
        .put(Setting.HTTP_PORT, httpPort)
        .put(Setting.APPLICATION_ID, applicationId)
        .put(Setting.STATE_DIR, stateDir)
        .put(Setting.EXACTLY_ONCE, "--exactly-once", exactlyOnce)
        .put(Setting.GRAPH_CACHE_ENTRIES, graphCacheEntries)
        .put(Setting.INCIDENT_WINDOW, incidentWindow)
        .put(Setting.STITCH_WINDOW, stitchWindow)
        .put(Setting.DATA_DIR, dataDir);
  }

  @Override
  protected int execute(WhenceConfig config) throws Exception {
    String brokers = requiredBootstrap(config);
    if (brokers == null) {
      return EXIT_USAGE;
    }
    ShutdownSignal signal = ShutdownSignal.install("whence-topology");
    TopologyService topology =
        signal.register(TopologyLauncher.start(config, brokers, config.httpPort()));
    err()
        .printf(
            "whence topology: running against %s; query service on port %d; Ctrl-C stops%n",
            brokers, topology.httpPort());
    err().flush();
    signal.await();
    return 0;
  }
}
