package dev.whence.topology;

import dev.whence.topology.graph.GraphSettings;
import dev.whence.topology.query.AlertQuery;
import dev.whence.topology.query.AlertView;
import dev.whence.topology.query.QueryService;
import dev.whence.topology.query.Stats;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running topology instance with its query service: what {@code whence topology}, {@code whence
 * up} and {@code whence demo} start.
 */
public final class TopologyService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopologyService.class);

  private final KafkaStreams streams;
  private final QueryService queries;
  private final CountDownLatch running;
  private final AtomicReference<Throwable> failure;

  private TopologyService(
      KafkaStreams streams,
      QueryService queries,
      CountDownLatch running,
      AtomicReference<Throwable> failure) {
    this.streams = streams;
    this.queries = queries;
    this.running = running;
    this.failure = failure;
  }

  /**
   * Starts the topology with the default graph settings and its query service.
   *
   * @param settings where the brokers are and how the instance runs
   * @param httpBind address the query service listens on
   * @param httpPort port of the query service (0: any free port)
   */
  public static TopologyService start(StreamsSettings settings, String httpBind, int httpPort)
      throws IOException {
    return start(settings, GraphSettings.defaults(), httpBind, httpPort);
  }

  /**
   * Starts the topology and its query service.
   *
   * @param settings where the brokers are and how the instance runs
   * @param graph how the graph runs (its caches, expiry and stitching)
   * @param httpBind address the query service listens on
   * @param httpPort port of the query service (0: any free port)
   */
  public static TopologyService start(
      StreamsSettings settings, GraphSettings graph, String httpBind, int httpPort)
      throws IOException {
    KafkaStreams streams =
        new KafkaStreams(ProvenanceTopology.build(graph), settings.toProperties());
    CountDownLatch running = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("topology stopped by an unexpected error", e);
          failure.set(e);
          running.countDown();
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.start();
    try {
      QueryService queries =
          QueryService.start(streams, httpBind, httpPort, settings.advertisedHttp());
      return new TopologyService(streams, queries, running, failure);
    } catch (IOException | RuntimeException e) {
      streams.close(Duration.ofSeconds(10));
      throw e;
    }
  }

  /** Waits until the topology runs; fails with the reason when it stopped or timed out. */
  public void awaitRunning(Duration timeout) throws InterruptedException {
    if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "topology not running after "
              + timeout.toSeconds()
              + " s (state "
              + streams.state()
              + ")");
    }
    Throwable e = failure.get();
    if (e != null) {
      throw new IllegalStateException("topology failed: " + e.getMessage(), e);
    }
  }

  /** The error that stopped the topology, if one did. */
  public Throwable failure() {
    return failure.get();
  }

  /** Statistics over every instance of the application. */
  public Stats stats() {
    return queries.stats();
  }

  /** The alerts over every instance, newest first, at most {@link AlertQuery#DEFAULT_LIMIT}. */
  public List<AlertView> alerts() {
    return queries.alerts(AlertQuery.all());
  }

  /** The alerts over every instance that the query admits, newest first. */
  public List<AlertView> alerts(AlertQuery query) {
    return queries.alerts(query);
  }

  /** The port of the query service. */
  public int httpPort() {
    return queries.port();
  }

  /** The Kafka Streams state of this instance. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    queries.close();
    streams.close(Duration.ofSeconds(30));
  }
}
