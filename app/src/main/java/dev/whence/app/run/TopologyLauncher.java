package dev.whence.app.run;

import dev.whence.app.broker.TopicInitializer;
import dev.whence.app.config.WhenceConfig;
import dev.whence.schemas.Topics;
import dev.whence.topology.StreamsSettings;
import dev.whence.topology.TopologyService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/** Starts a topology instance with its query service from the configuration. */
public final class TopologyLauncher {

  /** Address the query service listens on. */
  public static final String HTTP_BIND = "0.0.0.0";

  private TopologyLauncher() {}

  /**
   * Creates the Whence topics that are missing, then starts the topology against {@code bootstrap}
   * and waits until it runs.
   *
   * @param httpPort port of the query service; 0 picks a free one
   */
  public static TopologyService start(WhenceConfig config, String bootstrap, int httpPort)
      throws IOException, InterruptedException {
    TopicInitializer.ensureTopics(bootstrap, Topics.all(), Duration.ofSeconds(60));
    int port = httpPort == 0 ? freePort() : httpPort;
    StreamsSettings settings =
        new StreamsSettings(
            bootstrap,
            config.applicationId(),
            config.stateDir(),
            config.exactlyOnce(),
            advertisedHost() + ":" + port,
            config.streamThreads());
    TopologyService service = TopologyService.start(settings, config.graph(), HTTP_BIND, port);
    try {
      service.awaitRunning(Duration.ofSeconds(120));
      return service;
    } catch (InterruptedException | RuntimeException e) {
      service.close();
      throw e;
    }
  }

  private static String advertisedHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "127.0.0.1";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the query service", e);
    }
  }
}
