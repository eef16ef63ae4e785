package dev.whence.collector.linux.run;

import dev.whence.collector.linux.AuditPipeline;
import dev.whence.collector.linux.LinuxAuditLogReader;
import dev.whence.collector.publish.KafkaPublisher;
import dev.whence.collector.publish.PublishFailure;
import dev.whence.collector.publish.PublisherConfig;
import dev.whence.collector.publish.PublisherStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one Linux audit log file (as auditd writes it, RAW or ENRICHED) through the same
 * pipeline and publisher as the live collector, then waits until Kafka holds everything. The boot
 * id is derived from the file's first record, so publishing the same file twice gives the same
 * event ids.
 */
public final class LinuxAuditFileCollector {

  private static final Logger LOG = LoggerFactory.getLogger(LinuxAuditFileCollector.class);

  /**
   * What a file run did.
   *
   * @param lines lines read
   * @param events events published
   * @param rejected inputs sent to the dead-letter topic
   * @param complete whether Kafka acknowledged everything within the timeout
   * @param failure the failure that stopped publishing, or null
   */
  public record Result(
      long lines, long events, long rejected, boolean complete, PublishFailure failure) {}

  private LinuxAuditFileCollector() {}

  /**
   * Reads {@code file} to its end and publishes it.
   *
   * @param hostId host id of records without {@code node=}
   * @param timeout how long to wait for Kafka's acknowledgements at the end
   */
  public static Result publish(
      Path file, String hostId, PublisherConfig config, Clock clock, Duration timeout)
      throws IOException, InterruptedException {
    AtomicReference<PublishFailure> failure = new AtomicReference<>();
    KafkaPublisher publisher =
        KafkaPublisher.start(config.withWriteAhead(false), clock, p -> {}, failure::set);
    long lines;
    boolean complete;
    try {
      AuditPipeline pipeline = new AuditPipeline(publisher, hostId, null, clock);
      lines = new LinuxAuditLogReader(pipeline).read(file);
      complete = publisher.awaitIdle(timeout);
    } finally {
      publisher.close();
    }
    PublisherStats s = publisher.stats();
    LOG.info(
        "{}: {} lines, {} events and {} rejections published{}",
        file,
        lines,
        s.eventsPublished(),
        s.rejectedPublished(),
        complete ? "" : " (not all acknowledged in time; the rest is in the spool)");
    return new Result(lines, s.eventsPublished(), s.rejectedAccepted(), complete, failure.get());
  }
}
