package dev.whence.collector.publish;

import dev.whence.collector.status.StatusCounters;

/**
 * Counters of a {@link KafkaPublisher} since it started.
 *
 * @param state the publisher's state now
 * @param eventsAccepted events given to the publisher
 * @param eventsPublished events acknowledged by Kafka
 * @param rejectedAccepted inputs given for the dead-letter topic, including events turned into
 *     rejections (too large, not encodable)
 * @param rejectedPublished of those, acknowledged by Kafka
 * @param eventsSpooled events written to the spool
 * @param recordsSpooled records (events and rejections) written to the spool
 * @param recoveredFromSpool records a previous process left in the spool, found at start
 * @param skippedDuplicates spooled copies not resent because their first send succeeded meanwhile
 * @param sendFailures retriable send failures seen
 * @param spoolDepth records in the spool not yet acknowledged
 * @param spoolBytes bytes of those records
 */
public record PublisherStats(
    KafkaPublisher.State state,
    long eventsAccepted,
    long eventsPublished,
    long rejectedAccepted,
    long rejectedPublished,
    long eventsSpooled,
    long recordsSpooled,
    long recoveredFromSpool,
    long skippedDuplicates,
    long sendFailures,
    long spoolDepth,
    long spoolBytes) {

  /**
   * These counters as a status heartbeat reports them ({@code eventsRead} is the accepted count;
   * the reader's figures are 0 until {@link StatusCounters#withReader} sets them).
   */
  public StatusCounters asStatusCounters(long dropsReported) {
    return new StatusCounters(
        eventsAccepted,
        eventsPublished,
        rejectedAccepted,
        eventsSpooled,
        spoolDepth,
        spoolBytes,
        dropsReported,
        0,
        0,
        0);
  }
}
