package dev.whence.it.support;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (broker and controller in this JVM) on loopback ports, for tests that
 * need a real broker they can stop and restart on the same data directory and ports. A stand-in
 * until the app's embedded broker can be shared with tests.
 */
public final class TestBroker implements AutoCloseable {

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private KafkaRaftServer server;

  private TestBroker(Path dataDir, int brokerPort, int controllerPort) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /** Formats {@code dataDir} and starts a broker on two free loopback ports. */
  public static TestBroker start(Path dataDir) throws Exception {
    quietKafkaLogs();
    Files.createDirectories(dataDir);
    TestBroker broker = new TestBroker(dataDir, freePort(), freePort());
    broker.format();
    broker.startServer();
    return broker;
  }

  /** {@code host:port} of the PLAINTEXT listener. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** Shuts the broker down; {@link #restart()} starts it again with the same data. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts the broker again on the same data directory and ports. */
  public synchronized void restart() {
    if (server == null) {
      startServer();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private KafkaConfig config() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 << 20));
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    return KafkaConfig.fromProps(p, false);
  }

  private void format() throws Exception {
    KafkaConfig config = config();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Formatter formatter =
        new Formatter()
            .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
            .setNodeId(config.nodeId())
            .setClusterId(Uuid.randomUuid().toString())
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setControllerListenerName("CONTROLLER")
            .setMetadataLogDirectory(config.metadataLogDir())
            .setDirectories(List.of(dataDir.resolve("logs").toString()));
    formatter.run();
  }

  private synchronized void startServer() {
    KafkaRaftServer raft = new KafkaRaftServer(config(), Time.SYSTEM);
    raft.startup();
    server = raft;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void quietKafkaLogs() {
    for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
  }
}
