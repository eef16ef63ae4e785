package dev.whence.collector.linux.run;

import dev.whence.collector.linux.live.LiveAuditSource;
import dev.whence.collector.publish.PublisherConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link LinuxAuditCollector} needs.
 *
 * @param hostId host id written into every event and status (the key on Kafka)
 * @param source the live source's options (data dir, mode, rules, backlog, auditd config...)
 * @param publisher the publisher's settings; write-ahead is switched on for netlink mode
 * @param statusInterval time between two status heartbeats
 * @param tickInterval time between two closings of idle events and checkpoint saves
 */
public record CollectorSettings(
    String hostId,
    LiveAuditSource.Options source,
    PublisherConfig publisher,
    Duration statusInterval,
    Duration tickInterval) {

  public CollectorSettings {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(statusInterval, "statusInterval");
    Objects.requireNonNull(tickInterval, "tickInterval");
    if (hostId.isBlank()) {
      throw new IllegalArgumentException("hostId must not be blank");
    }
    if (statusInterval.isNegative() || statusInterval.isZero()) {
      throw new IllegalArgumentException("statusInterval must be positive, got " + statusInterval);
    }
    if (tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException("tickInterval must be positive, got " + tickInterval);
    }
  }

  /** Settings with a 5 s heartbeat and a 200 ms tick. */
  public static CollectorSettings of(
      String hostId, LiveAuditSource.Options source, PublisherConfig publisher) {
    return new CollectorSettings(
        hostId, source, publisher, Duration.ofSeconds(5), Duration.ofMillis(200));
  }

  /** These settings with another heartbeat interval. */
  public CollectorSettings withStatusInterval(Duration interval) {
    return new CollectorSettings(hostId, source, publisher, interval, tickInterval);
  }
}
