package dev.whence.topology;

import dev.whence.graph.build.SettingChecks;
import dev.whence.schemas.Topics;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What a topology instance needs to run: where the brokers are, its application id, where its state
 * lives, and the host and port its query service answers on (advertised to the other instances).
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param applicationId Kafka Streams application id (shared by all instances of one deployment)
 * @param stateDir local directory of the state stores
 * @param exactlyOnce whether to run with {@code exactly_once_v2}
 * @param advertisedHttp {@code host:port} of this instance's query service
 * @param streamThreads stream threads of this instance (1 to {@link #MAX_STREAM_THREADS})
 */
public record StreamsSettings(
    String bootstrapServers,
    String applicationId,
    Path stateDir,
    boolean exactlyOnce,
    String advertisedHttp,
    int streamThreads) {

  /** Most stream threads an instance runs. */
  public static final int MAX_STREAM_THREADS = 64;

  public StreamsSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(advertisedHttp, "advertisedHttp");
    requireStreamThreads(streamThreads);
  }

  /** Settings with {@link #defaultStreamThreads()} stream threads. */
  public StreamsSettings(
      String bootstrapServers,
      String applicationId,
      Path stateDir,
      boolean exactlyOnce,
      String advertisedHttp) {
    this(
        bootstrapServers,
        applicationId,
        stateDir,
        exactlyOnce,
        advertisedHttp,
        defaultStreamThreads());
  }

  /**
   * The default stream threads of an instance on this JVM's processors: {@link #streamThreadsFor}
   * them and the partitions of {@code whence.events}.
   */
  public static int defaultStreamThreads() {
    return Math.min(
        streamThreadsFor(Runtime.getRuntime().availableProcessors(), Topics.EVENTS.partitions()),
        MAX_STREAM_THREADS);
  }

  /**
   * Stream threads for {@code processors} processors and {@code partitions} input partitions: one
   * thread on one processor, otherwise the fewest threads above the processor count that split the
   * partitions evenly (all of them if none does). Events are partitioned by host and Kafka Streams
   * gives each thread the same number of tasks whatever their load, so with one thread per
   * processor the thread holding the busiest hosts sets the pace while another core idles (a replay
   * of 24 hosts over 6 partitions ran its last fifth at about 60 % of its rate); with a thread more
   * than there are processors, the operating system spreads the busier threads over the cores.
   */
  static int streamThreadsFor(int processors, int partitions) {
    if (processors <= 1) {
      return 1;
    }
    for (int threads = processors + 1; threads < partitions; threads++) {
      if (partitions % threads == 0) {
        return threads;
      }
    }
    return partitions;
  }

  /** Fails unless {@code streamThreads} is within 1 to {@link #MAX_STREAM_THREADS}. */
  public static void requireStreamThreads(int streamThreads) {
    SettingChecks.requireWithin("streamThreads", streamThreads, 1, MAX_STREAM_THREADS);
  }

  /** The Kafka Streams properties of these settings. */
  public Properties toProperties() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        exactlyOnce ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHttp);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // The one task with two inputs is the incident correlator, whose result does not depend on the
    // order it reads them in; not waiting on an empty input also spares Kafka Streams formatting a
    // trace message for that task at every turn of the processing loop.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    // One batch per partition and commit interval rather than 16 KiB batches: fewer produce
    // requests for the broker to handle per event. 128 KiB holds an interval's edges for one
    // partition from one of three threads at 100 000 events/s; a producer keeps a buffer of this
    // size for every partition it writes, so larger batches hold heap (256 KiB with three threads:
    // 30 MiB more after a collection and two more full collections per 5 M events).
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
    // Up to 5 000 records per poll instead of Kafka Streams' 1 000: each turn of a stream thread's
    // loop has a fixed cost (choosing partitions, checking commit and punctuation times), and a
    // graph record takes ~10 us, so a turn per 1 000 records showed: 8 % less CPU per event warm,
    // 3 % on a cold 5 M-event replay (BENCHMARKS.md).
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5_000);
    return props;
  }
}
