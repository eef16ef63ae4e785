package dev.whence.collector.status;

/**
 * The collector's running counters as a status reports them, all since the collector started.
 *
 * @param eventsRead events read from the source
 * @param eventsPublished events acknowledged by Kafka
 * @param eventsRejected inputs sent to the dead-letter topic
 * @param eventsSpooled events written to the disk spool
 * @param spoolDepth records in the spool not yet acknowledged by Kafka
 * @param spoolBytes bytes of those records
 * @param dropsReported drops reported by a source that cannot block
 */
public record StatusCounters(
    long eventsRead,
    long eventsPublished,
    long eventsRejected,
    long eventsSpooled,
    long spoolDepth,
    long spoolBytes,
    long dropsReported) {

  /** All zero. */
  public static final StatusCounters ZERO = new StatusCounters(0, 0, 0, 0, 0, 0, 0);
}
