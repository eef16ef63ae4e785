package dev.whence.collector.publish;

import dev.whence.collector.spool.SyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Settings of a {@link KafkaPublisher}. Start from {@link #defaults} and adjust with the {@code
 * with...} methods.
 *
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param clientId producer client id
 * @param spoolDir directory of the disk spool (one publisher per directory)
 * @param spoolMaxBytes bound on the spool's unacknowledged bytes; a full spool blocks {@code event}
 * @param spoolSegmentBytes size of one spool segment file
 * @param spoolSync when spooled records are forced to disk
 * @param deliveryTimeout how long the producer retries a record before the publisher spools it
 * @param requestTimeout how long the producer waits for one broker response
 * @param maxBlock how long a send may wait for metadata or buffer space before the record is
 *     spooled
 * @param linger how long the producer waits to fill a batch
 * @param compression producer compression codec ({@code lz4}, {@code zstd}, {@code none}...)
 * @param maxRecordBytes largest key plus value sent as is; a larger event goes to the dead-letter
 *     topic, cut, with reason {@code RECORD_TOO_LARGE}
 * @param drainWindow spooled records the drainer keeps in flight at once
 * @param retryBackoffMax longest pause between the drainer's attempts while the broker is away
 * @param closeTimeout how long {@code close} waits for records in flight before spooling them
 * @param writeAhead whether every record is written to the spool before it is sent, even while the
 *     broker answers: slower, but a record accepted by {@code event} survives a killed process, for
 *     sources that cannot re-read (the netlink daemon); otherwise the spool is used only while the
 *     broker is away and the source re-reads from its acknowledged checkpoint after a crash
 * @param producerOverrides further producer properties, applied last
 */
public record PublisherConfig(
    String bootstrapServers,
    String clientId,
    Path spoolDir,
    long spoolMaxBytes,
    long spoolSegmentBytes,
    SyncPolicy spoolSync,
    Duration deliveryTimeout,
    Duration requestTimeout,
    Duration maxBlock,
    Duration linger,
    String compression,
    int maxRecordBytes,
    int drainWindow,
    Duration retryBackoffMax,
    Duration closeTimeout,
    boolean writeAhead,
    Map<String, String> producerOverrides) {

  public PublisherConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(spoolSync, "spoolSync");
    Objects.requireNonNull(compression, "compression");
    producerOverrides = Map.copyOf(producerOverrides);
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    positive("deliveryTimeout", deliveryTimeout);
    positive("requestTimeout", requestTimeout);
    positive("maxBlock", maxBlock);
    positive("retryBackoffMax", retryBackoffMax);
    positive("closeTimeout", closeTimeout);
    if (linger.isNegative()) {
      throw new IllegalArgumentException("linger must not be negative, got " + linger);
    }
    if (deliveryTimeout.compareTo(requestTimeout.plus(linger)) < 0) {
      throw new IllegalArgumentException(
          "deliveryTimeout ("
              + deliveryTimeout
              + ") must be at least requestTimeout + linger ("
              + requestTimeout.plus(linger)
              + ")");
    }
    if (maxRecordBytes < 1024) {
      throw new IllegalArgumentException("maxRecordBytes must be >= 1024, got " + maxRecordBytes);
    }
    if (spoolMaxBytes < 4L * maxRecordBytes || spoolSegmentBytes < 2L * maxRecordBytes) {
      throw new IllegalArgumentException(
          "the spool must hold records of maxRecordBytes ("
              + maxRecordBytes
              + "): spoolMaxBytes >= 4x and spoolSegmentBytes >= 2x that, got "
              + spoolMaxBytes
              + " and "
              + spoolSegmentBytes);
    }
    if (spoolSegmentBytes > spoolMaxBytes || spoolSegmentBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "spoolSegmentBytes must be at most spoolMaxBytes and 2^31-1, got " + spoolSegmentBytes);
    }
    if (drainWindow < 1) {
      throw new IllegalArgumentException("drainWindow must be >= 1, got " + drainWindow);
    }
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /**
   * Defaults: a 1 GiB spool in 64 MiB segments synced every 1000 records or 200 ms, delivery
   * timeout 30 s, request timeout 10 s, max block 5 s, linger 5 ms, lz4, records up to 1 000 000
   * bytes.
   */
  public static PublisherConfig defaults(String bootstrapServers, Path spoolDir) {
    return new PublisherConfig(
        bootstrapServers,
        "whence-collector",
        spoolDir,
        1L << 30,
        64L << 20,
        SyncPolicy.DEFAULT,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofMillis(5),
        "lz4",
        1_000_000,
        5_000,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        false,
        Map.of());
  }

  /** A copy with another client id. */
  public PublisherConfig withClientId(String id) {
    Builder b = toBuilder();
    b.clientId = id;
    return b.build();
  }

  /** A copy with other spool bounds and sync policy. */
  public PublisherConfig withSpool(long maxBytes, long segmentBytes, SyncPolicy sync) {
    Builder b = toBuilder();
    b.spoolMaxBytes = maxBytes;
    b.spoolSegmentBytes = segmentBytes;
    b.spoolSync = sync;
    return b.build();
  }

  /** A copy with other producer timeouts and drainer backoff. */
  public PublisherConfig withTimeouts(
      Duration delivery, Duration request, Duration block, Duration backoffMax) {
    Builder b = toBuilder();
    b.deliveryTimeout = delivery;
    b.requestTimeout = request;
    b.maxBlock = block;
    b.retryBackoffMax = backoffMax;
    return b.build();
  }

  /** A copy with another record size limit and drain window. */
  public PublisherConfig withLimits(int recordBytes, int window) {
    Builder b = toBuilder();
    b.maxRecordBytes = recordBytes;
    b.drainWindow = window;
    return b.build();
  }

  /** A copy that writes every record to the spool before sending it, or not. */
  public PublisherConfig withWriteAhead(boolean enabled) {
    Builder b = toBuilder();
    b.writeAhead = enabled;
    return b.build();
  }

  /** A copy with further producer properties. */
  public PublisherConfig withProducerOverrides(Map<String, String> overrides) {
    Builder b = toBuilder();
    b.producerOverrides = overrides;
    return b.build();
  }

  private Builder toBuilder() {
    return new Builder(this);
  }

  /** The fields of a config being changed; {@link #build()} validates them. */
  private static final class Builder {
    private final String bootstrapServers;
    private String clientId;
    private final Path spoolDir;
    private long spoolMaxBytes;
    private long spoolSegmentBytes;
    private SyncPolicy spoolSync;
    private Duration deliveryTimeout;
    private Duration requestTimeout;
    private Duration maxBlock;
    private final Duration linger;
    private final String compression;
    private int maxRecordBytes;
    private int drainWindow;
    private Duration retryBackoffMax;
    private final Duration closeTimeout;
    private boolean writeAhead;
    private Map<String, String> producerOverrides;

    private Builder(PublisherConfig c) {
      bootstrapServers = c.bootstrapServers;
      clientId = c.clientId;
      spoolDir = c.spoolDir;
      spoolMaxBytes = c.spoolMaxBytes;
      spoolSegmentBytes = c.spoolSegmentBytes;
      spoolSync = c.spoolSync;
      deliveryTimeout = c.deliveryTimeout;
      requestTimeout = c.requestTimeout;
      maxBlock = c.maxBlock;
      linger = c.linger;
      compression = c.compression;
      maxRecordBytes = c.maxRecordBytes;
      drainWindow = c.drainWindow;
      retryBackoffMax = c.retryBackoffMax;
      closeTimeout = c.closeTimeout;
      writeAhead = c.writeAhead;
      producerOverrides = c.producerOverrides;
    }

    private PublisherConfig build() {
      return new PublisherConfig(
          bootstrapServers,
          clientId,
          spoolDir,
          spoolMaxBytes,
          spoolSegmentBytes,
          spoolSync,
          deliveryTimeout,
          requestTimeout,
          maxBlock,
          linger,
          compression,
          maxRecordBytes,
          drainWindow,
          retryBackoffMax,
          closeTimeout,
          writeAhead,
          producerOverrides);
    }
  }

  /**
   * The producer properties: idempotent, {@code acks=all}, unlimited retries within the timeout.
   */
  public Properties producerProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    p.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(deliveryTimeout));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(requestTimeout));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(maxBlock));
    p.put(ProducerConfig.LINGER_MS_CONFIG, millis(linger));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRecordBytes + 64 * 1024));
    p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
    p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "1000");
    p.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    p.putAll(producerOverrides);
    return p;
  }

  private static String millis(Duration d) {
    return Long.toString(d.toMillis());
  }
}
