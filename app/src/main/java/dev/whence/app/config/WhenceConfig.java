package dev.whence.app.config;

import dev.whence.topology.StreamsSettings;
import dev.whence.topology.graph.GraphSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of a Whence process, valid by construction. Load it with {@link ConfigLoader}
 * (defaults, then an optional file, then flags); every subcommand receives one.
 *
 * @param bootstrapServers Kafka bootstrap servers; empty: start the embedded broker
 * @param brokerPort client port of the embedded broker (0: any free port)
 * @param httpPort port of the HTTP query service (0: any free port)
 * @param dataDir directory of the broker data, the spool and the Streams state by default
 * @param hostId identity of this host in events
 * @param spoolDir directory of the collector's disk spool
 * @param spoolMaxBytes largest size of the spool in bytes
 * @param statusInterval interval between two collector status records
 * @param applicationId Kafka Streams application id of the topology
 * @param stateDir directory of the Kafka Streams state stores
 * @param exactlyOnce whether the topology uses {@code exactly_once_v2}
 * @param streamThreads stream threads of the topology instance (1 to {@link
 *     StreamsSettings#MAX_STREAM_THREADS})
 * @param graph how the topology runs the graph (its cache, windows, retention and incident bounds)
 */
public record WhenceConfig(
    Optional<String> bootstrapServers,
    int brokerPort,
    int httpPort,
    Path dataDir,
    String hostId,
    Path spoolDir,
    long spoolMaxBytes,
    Duration statusInterval,
    String applicationId,
    Path stateDir,
    boolean exactlyOnce,
    int streamThreads,
    GraphSettings graph) {

  /** Default port of the embedded broker. */
  public static final int DEFAULT_BROKER_PORT = 9092;

  /** Default port of the HTTP query service. */
  public static final int DEFAULT_HTTP_PORT = 7070;

  public WhenceConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(statusInterval, "statusInterval");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(graph, "graph");
    bootstrapServers.ifPresent(b -> SettingValues.bootstrap(b));
    SettingValues.checkPort(brokerPort);
    SettingValues.checkPort(httpPort);
    SettingValues.hostId(hostId);
    SettingValues.applicationId(applicationId);
    StreamsSettings.requireStreamThreads(streamThreads);
    if (spoolMaxBytes <= 0) {
      throw new IllegalArgumentException("spoolMaxBytes must be positive, not " + spoolMaxBytes);
    }
    if (statusInterval.isNegative() || statusInterval.isZero()) {
      throw new IllegalArgumentException("statusInterval must be positive, not " + statusInterval);
    }
  }

  /** Whether this process runs the embedded broker (no bootstrap servers were given). */
  public boolean embeddedBroker() {
    return bootstrapServers.isEmpty();
  }

  /** The directory of the embedded broker's data: {@code <data-dir>/kafka}. */
  public Path brokerDir() {
    return dataDir.resolve("kafka");
  }

  /** A copy that connects to {@code bootstrap} instead of starting the embedded broker. */
  public WhenceConfig withBootstrapServers(String bootstrap) {
    return new WhenceConfig(
        Optional.of(bootstrap),
        brokerPort,
        httpPort,
        dataDir,
        hostId,
        spoolDir,
        spoolMaxBytes,
        statusInterval,
        applicationId,
        stateDir,
        exactlyOnce,
        streamThreads,
        graph);
  }
}
