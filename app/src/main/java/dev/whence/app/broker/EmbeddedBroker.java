package dev.whence.app.broker;

import dev.whence.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM.
 *
 * <p>The broker listens on 127.0.0.1 only. Its data lives in one directory: the first start formats
 * it (a new cluster id), later starts reuse it and keep every record. After {@link #start} returns,
 * the broker accepts clients and every topic of {@link Topics#all()} exists.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(dir, 0)) {
 *   String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  /** The node id of the single broker and controller. */
  public static final int NODE_ID = 1;

  private static final String HOST = "127.0.0.1";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final int START_ATTEMPTS_WITH_FREE_PORTS = 3;
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaRaftServer server;
  private final DirectoryLock lock;
  private final Path dataDir;
  private final int port;
  private final String clusterId;
  private boolean closed;

  private EmbeddedBroker(
      KafkaRaftServer server, DirectoryLock lock, Path dataDir, int port, String clusterId) {
    this.server = server;
    this.lock = lock;
    this.dataDir = dataDir;
    this.port = port;
    this.clusterId = clusterId;
  }

  /**
   * Starts a broker on {@code port} (0: a free port) with its data in {@code dataDir} and creates
   * the Whence topics.
   */
  public static EmbeddedBroker start(Path dataDir, int port) {
    return start(dataDir, port, Map.of());
  }

  /**
   * Starts a broker as {@link #start(Path, int)} does; {@code brokerOverrides} are Kafka broker
   * properties that replace Whence's defaults (for tests and tuning).
   *
   * @throws IllegalArgumentException if the port is out of range or the directory belongs to
   *     another node
   * @throws EmbeddedBrokerException if the broker cannot start or the topics cannot be created
   */
  public static EmbeddedBroker start(Path dataDir, int port, Map<String, String> brokerOverrides) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(brokerOverrides, "brokerOverrides");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("broker port must be between 0 and 65535, not " + port);
    }
    Path dir = dataDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new EmbeddedBrokerException("cannot create broker data directory " + dir, e);
    }
    DirectoryLock lock = DirectoryLock.acquire(dir);
    try {
      return startLocked(dir, port, brokerOverrides, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static EmbeddedBroker startLocked(
      Path dir, int port, Map<String, String> brokerOverrides, DirectoryLock lock) {
    String clusterId = existingClusterId(dir);
    int attempts = port == 0 ? START_ATTEMPTS_WITH_FREE_PORTS : 1;
    for (int attempt = 1; ; attempt++) {
      int brokerPort = port == 0 ? freePort() : port;
      int controllerPort = freePort();
      Properties props = brokerProperties(dir, brokerPort, controllerPort, brokerOverrides);
      if (clusterId == null) {
        clusterId = format(dir);
      }
      try {
        EmbeddedBroker broker = startServer(props, lock, dir, brokerPort, clusterId);
        broker.createWhenceTopics();
        return broker;
      } catch (EmbeddedBrokerException e) {
        if (attempt >= attempts || !causedByBind(e)) {
          throw e;
        }
        LOG.debug("port taken while starting the broker, retrying with other ports", e);
      }
    }
  }

  /** {@code host:port} of the broker's client listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The port of the client listener. */
  public int port() {
    return port;
  }

  /** The Kafka cluster id stored in the data directory. */
  public String clusterId() {
    return clusterId;
  }

  /** The directory that holds the broker's logs and metadata. */
  public Path dataDir() {
    return dataDir;
  }

  /** Stops the broker and waits until it has released its directory and ports. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("stopping embedded Kafka broker on {}", bootstrapServers());
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      lock.close();
    }
  }

  private void createWhenceTopics() {
    try {
      TopicInitializer.ensureTopics(bootstrapServers(), Topics.all(), TOPIC_TIMEOUT);
    } catch (RuntimeException e) {
      closed = true;
      shutdownQuietly(server);
      throw new EmbeddedBrokerException(
          "broker started but the Whence topics could not be created", e);
    }
  }

  private static EmbeddedBroker startServer(
      Properties props, DirectoryLock lock, Path dir, int brokerPort, String clusterId) {
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      shutdownQuietly(server);
      throw new EmbeddedBrokerException("embedded Kafka broker failed to start in " + dir, e);
    }
    LOG.info("embedded Kafka broker ready on {}:{} (cluster {})", HOST, brokerPort, clusterId);
    return new EmbeddedBroker(server, lock, dir, brokerPort, clusterId);
  }

  private static void shutdownQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.debug("error while shutting down a broker that failed to start", e);
    }
  }

  static Properties brokerProperties(
      Path dir, int brokerPort, int controllerPort, Map<String, String> overrides) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dir.toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("share.coordinator.state.topic.num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
    p.put("log.cleaner.io.buffer.size", Integer.toString(256 * 1024));
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.putAll(overrides);
    return p;
  }

  private static String existingClusterId(Path dir) {
    if (!Files.exists(dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
      return null;
    }
    MetaPropertiesEnsemble ensemble;
    try {
      ensemble =
          new MetaPropertiesEnsemble.Loader()
              .addLogDirs(List.of(dir.toString()))
              .addMetadataLogDir(dir.toString())
              .load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the broker metadata in " + dir, e);
    }
    MetaProperties props = ensemble.logDirProps().get(dir.toString());
    if (props == null || props.clusterId().isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + " holds a "
              + MetaPropertiesEnsemble.META_PROPERTIES_NAME
              + " without a cluster id");
    }
    OptionalInt nodeId = props.nodeId();
    if (nodeId.isPresent() && nodeId.getAsInt() != NODE_ID) {
      throw new IllegalArgumentException(
          dir
              + " belongs to Kafka node "
              + nodeId.getAsInt()
              + ", not to the embedded node "
              + NODE_ID);
    }
    LOG.debug("reusing broker data in {} (cluster {})", dir, props.clusterId().get());
    return props.clusterId().get();
  }

  private static String format(Path dir) {
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(print)
          .setNodeId(NODE_ID)
          .setClusterId(clusterId)
          .addDirectory(dir.toString())
          .setMetadataLogDirectory(dir.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .run();
    } catch (Exception e) {
      throw new EmbeddedBrokerException("cannot format the broker data directory " + dir, e);
    }
    LOG.info("formatted new broker data directory {} (cluster {})", dir, clusterId);
    LOG.debug("formatter said: {}", out.toString(StandardCharsets.UTF_8).strip());
    return clusterId;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new EmbeddedBrokerException("cannot find a free port on " + HOST, e);
    }
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }
}
