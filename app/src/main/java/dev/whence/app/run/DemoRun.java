package dev.whence.app.run;

import dev.whence.app.broker.EmbeddedBroker;
import dev.whence.app.config.WhenceConfig;
import dev.whence.collector.publish.KafkaPublisher;
import dev.whence.collector.publish.PublisherConfig;
import dev.whence.topology.TopologyService;
import dev.whence.topology.query.AlertQuery;
import dev.whence.topology.query.AlertView;
import dev.whence.topology.query.Stats;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: embedded broker, topology and query service, then the bundled
 * recordings replayed through the collector's publisher; finished when the topology has processed
 * every published event and every rejection.
 */
public final class DemoRun implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);
  private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration ALERTS_QUIET = Duration.ofSeconds(2);

  private final WhenceConfig config;
  private final Clock clock;
  private EmbeddedBroker broker;
  private TopologyService topology;

  /** A demo over the directories of {@code config}. */
  public DemoRun(WhenceConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Starts everything, replays the bundled recordings and waits until the topology has seen them.
   *
   * @param httpPort port of the query service (0: any free port)
   */
  public DemoOutcome run(int httpPort) throws IOException, InterruptedException {
    long started = System.nanoTime();
    broker = EmbeddedBroker.start(config.brokerDir(), 0);
    topology = TopologyLauncher.start(config, broker.bootstrapServers(), httpPort);
    ReplayResult replayed = replayBundled(broker.bootstrapServers());
    Stats stats = awaitProcessed(replayed);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    List<AlertView> alerts = awaitAlerts();
    return new DemoOutcome(replayed, topology.stats(), topology.httpPort(), elapsed, alerts);
  }

  private ReplayResult replayBundled(String bootstrap) throws IOException, InterruptedException {
    AtomicReference<String> failure = new AtomicReference<>();
    PublisherConfig publisherConfig = PublisherSettings.of(config, bootstrap, "demo");
    ReplayResult total = null;
    try (KafkaPublisher publisher =
        KafkaPublisher.start(
            publisherConfig, clock, position -> {}, f -> failure.set(f.toString()))) {
      RecordingReplayer replayer = new RecordingReplayer(publisher, config.hostId(), clock);
      for (String name : BundledRecordings.NAMES) {
        try (InputStream in = BundledRecordings.open(name)) {
          ReplayResult one = replayer.replay(in, name);
          total = total == null ? one : total.plus(one);
        }
      }
      if (!publisher.awaitIdle(PROCESSING_TIMEOUT) || failure.get() != null) {
        throw new IOException(
            "the recordings were not all acknowledged by Kafka"
                + (failure.get() == null ? "" : ": " + failure.get()));
      }
    }
    return total;
  }

  private Stats awaitProcessed(ReplayResult replayed) throws InterruptedException {
    long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
    Stats stats = null;
    while (System.nanoTime() < deadline) {
      if (topology.failure() != null) {
        throw new IllegalStateException(
            "the topology failed: " + topology.failure().getMessage(), topology.failure());
      }
      try {
        stats = topology.stats();
        if (stats.eventsIn() >= replayed.events() && stats.rejected() >= replayed.rejected()) {
          return stats;
        }
      } catch (RuntimeException e) {
        LOG.debug("statistics not ready yet: {}", e.getMessage());
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the topology did not process every event within "
            + PROCESSING_TIMEOUT.toMinutes()
            + " min: published "
            + replayed.events()
            + " events and "
            + replayed.rejected()
            + " rejections, processed "
            + (stats == null ? "none" : stats.eventsIn() + " and " + stats.rejected()));
  }

  /**
   * The alerts once they stopped changing for {@link #ALERTS_QUIET} (alerts reach their store
   * through {@code whence.alerts} after the events that raised them were processed).
   */
  private List<AlertView> awaitAlerts() throws InterruptedException {
    AlertQuery all = new AlertQuery(Long.MIN_VALUE, AlertQuery.MAX_LIMIT);
    long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
    List<AlertView> alerts = List.of();
    List<String> seen = null;
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      try {
        alerts = topology.alerts(all);
        List<String> now =
            alerts.stream()
                .map(
                    a ->
                        a.id() + "/" + a.chain().size() + "/" + a.lastSeen() + "/" + a.incidentId())
                .toList();
        if (!now.equals(seen)) {
          seen = now;
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince >= ALERTS_QUIET.toNanos()) {
          return alerts;
        }
      } catch (RuntimeException e) {
        LOG.debug("alerts not readable yet: {}", e.getMessage());
      }
      Thread.sleep(200);
    }
    LOG.warn("the alerts were still changing after {} min", PROCESSING_TIMEOUT.toMinutes());
    return alerts;
  }

  /** The running topology (for {@code --serve}). */
  public TopologyService topology() {
    return topology;
  }

  @Override
  public void close() {
    if (topology != null) {
      topology.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
