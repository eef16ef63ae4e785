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
    resourceBundle = HelpValues.BUNDLE,
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
      description =
          "Port of the HTTP query service and web UI (default: ${bundle:http-port.default}; 0: any"
              + " free port).")
  String httpPort;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      description = "Kafka Streams application id (default: ${bundle:application-id.default}).")
  String applicationId;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Directory of the state stores (default: DATA-DIR/streams).")
  String stateDir;

  @Option(
      names = "--exactly-once",
      negatable = true,
      description = "Process with exactly_once_v2 (default: ${bundle:exactly-once.default}).")
  Boolean exactlyOnce;

  @Option(
      names = "--stream-threads",
      paramLabel = "N",
      description =
          "Stream threads of this instance (default: ${bundle:stream-threads.default}, the"
              + " fewest above the processor count that split the partitions of whence.events"
              + " evenly, or one on one processor; at most"
              + " ${bundle:stream-threads.max}).")
  String streamThreads;

  @Option(
      names = "--graph-cache-entries",
      paramLabel = "N",
      description =
          "Decoded graph-state entries cached per task (default:"
              + " ${bundle:graph-cache-entries.default}; at most ${bundle:graph-cache-entries.max});"
              + " more spares store reads on hosts with many active processes, at the cost of"
              + " heap.")
  String graphCacheEntries;

  @Option(
      names = "--incident-window",
      paramLabel = "DURATION",
      description =
          "Largest gap in event time between two connected alerts of one incident, e.g. 10m or"
              + " 1h (default: ${bundle:incident-window.default}; at most ${bundle:incident-window.max}).")
  String incidentWindow;

  @Option(
      names = "--stitch-window",
      paramLabel = "DURATION",
      description =
          "Largest gap in event time between a connect on one host and the accept it is stitched"
              + " to on another, clock skew included (default: ${bundle:stitch-window.default}; at most"
              + " ${bundle:stitch-window.max}).")
  String stitchWindow;

  @Option(
      names = "--process-idle-ttl",
      paramLabel = "DURATION",
      description =
          "How long, in event time, a process with no events stays known, e.g. 2h or 2d"
              + " (default: ${bundle:process-idle-ttl.default}; at most"
              + " ${bundle:process-idle-ttl.max}); shorter bounds state, but a process idle longer"
              + " comes back as a new one.")
  String processIdleTtl;

  @Option(
      names = "--exited-process-grace",
      paramLabel = "DURATION",
      description =
          "How long, in event time, an exited process stays in the graph's state"
              + " (default: ${bundle:exited-process-grace.default}; at most"
              + " ${bundle:exited-process-grace.max}).")
  String exitedProcessGrace;

  @Option(
      names = "--file-idle-ttl",
      paramLabel = "DURATION",
      description =
          "How long, in event time, an untouched file's current version and names stay known"
              + " (default: ${bundle:file-idle-ttl.default}; at most ${bundle:file-idle-ttl.max});"
              + " longer keeps later writes linked to older"
              + " versions, at the cost of state.")
  String fileIdleTtl;

  @Option(
      names = "--dedup-idle-ttl",
      paramLabel = "DURATION",
      description =
          "How long, in event time, the de-duplication window of a host's boot with no events"
              + " stays known (default: ${bundle:dedup-idle-ttl.default}; at most"
              + " ${bundle:dedup-idle-ttl.max}); a record of that boot replayed later is no longer"
              + " recognised as a duplicate.")
  String dedupIdleTtl;

  @Option(
      names = "--graph-expiry-interval",
      paramLabel = "DURATION",
      description =
          "Stream time between two expiry passes over the graph's state (default:"
              + " ${bundle:graph-expiry-interval.default}; ${bundle:graph-expiry-interval.min} to"
              + " ${bundle:graph-expiry-interval.max}).")
  String graphExpiryInterval;

  @Option(
      names = "--incident-max-members",
      paramLabel = "N",
      description =
          "Most alerts and hops kept for grouping into incidents; the oldest go first beyond it"
              + " (default: ${bundle:incident-max-members.default}; at most"
              + " ${bundle:incident-max-members.max}).")
  String incidentMaxMembers;

  @Option(
      names = "--incident-max-chain",
      paramLabel = "N",
      description =
          "Most events in a lateral-movement alert's chain (default:"
              + " ${bundle:incident-max-chain.default}; ${bundle:incident-max-chain.min} to"
              + " ${bundle:incident-max-chain.max}).")
  String incidentMaxChain;

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
        .put(Setting.STREAM_THREADS, streamThreads)
        .put(Setting.GRAPH_CACHE_ENTRIES, graphCacheEntries)
        .put(Setting.INCIDENT_WINDOW, incidentWindow)
        .put(Setting.STITCH_WINDOW, stitchWindow)
        .put(Setting.PROCESS_IDLE_TTL, processIdleTtl)
        .put(Setting.EXITED_PROCESS_GRACE, exitedProcessGrace)
        .put(Setting.FILE_IDLE_TTL, fileIdleTtl)
        .put(Setting.DEDUP_IDLE_TTL, dedupIdleTtl)
        .put(Setting.GRAPH_EXPIRY_INTERVAL, graphExpiryInterval)
        .put(Setting.INCIDENT_MAX_MEMBERS, incidentMaxMembers)
        .put(Setting.INCIDENT_MAX_CHAIN, incidentMaxChain)
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
