package dev.whence.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whence.app.broker.TopicInitializer;
import dev.whence.avro.Event;
import dev.whence.schemas.Topics;
import dev.whence.topology.StreamsSettings;
import dev.whence.topology.TopologyService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A real broker with every Whence topic and the topology service running on it with exactly-once,
 * its query service on a free loopback port; events go in through a producer, answers come back
 * over HTTP.
 */
public final class RunningTopology implements AutoCloseable {

  private final TestBroker broker;
  private final TopologyService service;

  private RunningTopology(TestBroker broker, TopologyService service) {
    this.broker = broker;
    this.service = service;
  }

  /**
   * Starts a broker under {@code dir}, creates the topics and starts the topology as {@code appId}.
   */
  public static RunningTopology start(Path dir, String appId) throws Exception {
    TestBroker broker = TestBroker.start(dir.resolve("broker"));
    try {
      TopicInitializer.ensureTopics(
          broker.bootstrapServers(), Topics.all(), Duration.ofSeconds(60));
      int httpPort = freePort();
      TopologyService service =
          TopologyService.start(
              new StreamsSettings(
                  broker.bootstrapServers(),
                  appId,
                  dir.resolve("state"),
                  true,
                  "127.0.0.1:" + httpPort),
              "127.0.0.1",
              httpPort);
      try {
        service.awaitRunning(Duration.ofSeconds(90));
      } catch (Exception | Error e) {
        service.close();
        throw e;
      }
      return new RunningTopology(broker, service);
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public TopologyService service() {
    return service;
  }

  /** Produces {@code events} to {@code whence.events}, keyed by host, each acknowledged. */
  public void produce(List<Event> events) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, Event> producer =
        new KafkaProducer<>(
            p, Topics.EVENTS.key().serializer(), Topics.EVENTS.value().serializer())) {
      for (Event e : events) {
        producer
            .send(
                new ProducerRecord<>(
                    Topics.EVENTS.name(),
                    null,
                    TimeUnit.NANOSECONDS.toMillis(e.getTimestampNanos()),
                    e.getHost(),
                    e))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** GET {@code path} from the query service; asserts 200 and returns the JSON body. */
  public JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  /** GET {@code path} from the query service, whatever the status. */
  public HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    try {
      service.close();
    } finally {
      broker.close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
