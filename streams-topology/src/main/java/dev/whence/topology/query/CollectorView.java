package dev.whence.topology.query;

import dev.whence.avro.CollectorStatus;

/**
 * A collector heartbeat as the query service shows it.
 *
 * @param collectorId id of the collector instance
 * @param boot boot id the sequences refer to
 * @param source kind of trace
 * @param mode how the collector reads
 * @param timestampNanos when the heartbeat was taken
 * @param highestSequence highest sequence seen in this boot
 * @param missingSequences sequences proved missing in this boot
 * @param kernelBacklog records waiting in the kernel queue
 * @param eventsRead events read from the source
 * @param eventsPublished events acknowledged by Kafka
 * @param socketOverruns times the collector's audit socket overflowed (netlink ENOBUFS: the kernel
 *     may have dropped records each time)
 * @param recordsSpilled records the collector's reader spilled to disk because its memory queue was
 *     full (none lost, but the collector fell behind)
 * @param readerStalls times the collector's reader stopped reading the audit socket because its
 *     memory queue and its disk spill were both full (the kernel's backlog filled meanwhile and the
 *     kernel may have dropped records)
 */
public record CollectorView(
    String collectorId,
    String boot,
    String source,
    String mode,
    long timestampNanos,
    Long highestSequence,
    long missingSequences,
    Long kernelBacklog,
    long eventsRead,
    long eventsPublished,
    long socketOverruns,
    long recordsSpilled,
    long readerStalls) {

  /** The view of a heartbeat. */
  public static CollectorView of(CollectorStatus s) {
    return new CollectorView(
        s.getCollectorId(),
        s.getBoot(),
        s.getSource().name(),
        s.getMode(),
        s.getTimestampNanos(),
        s.getHighestSequence(),
        s.getMissingSequences(),
        s.getKernelBacklog(),
        s.getEventsRead(),
        s.getEventsPublished(),
        s.getSocketOverruns(),
        s.getRecordsSpilled(),
        s.getReaderStalls());
  }
}
