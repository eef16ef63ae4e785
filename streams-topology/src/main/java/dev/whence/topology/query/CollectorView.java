package dev.whence.topology.query;

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
    long eventsPublished) {}
