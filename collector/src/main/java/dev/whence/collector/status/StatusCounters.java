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
 * @param socketOverruns times the reader's socket overflowed (Linux netlink ENOBUFS): each time the
 *     kernel may have dropped records
 * @param recordsSpilled records the reader wrote to its disk spill because its memory queue was
 *     full (none lost, but the reader fell behind)
 * @param readerStalls times the reader stopped reading its socket because its memory queue and its
 *     disk spill were both full: meanwhile the kernel's backlog fills and the kernel may drop
 *     records
 */
public record StatusCounters(
    long eventsRead,
    long eventsPublished,
    long eventsRejected,
    long eventsSpooled,
    long spoolDepth,
    long spoolBytes,
    long dropsReported,
    long socketOverruns,
    long recordsSpilled,
    long readerStalls) {

  /** All zero. */
  public static final StatusCounters ZERO = new StatusCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** These counters with the reader's own figures replaced (0 for a reader without them). */
  public StatusCounters withReader(long socketOverruns, long recordsSpilled, long readerStalls) {
    return new StatusCounters(
        eventsRead,
        eventsPublished,
        eventsRejected,
        eventsSpooled,
        spoolDepth,
        spoolBytes,
        dropsReported,
        socketOverruns,
        recordsSpilled,
        readerStalls);
  }
}
