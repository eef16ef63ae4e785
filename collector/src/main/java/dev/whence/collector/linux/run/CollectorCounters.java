package dev.whence.collector.linux.run;

/**
 * Counters of a {@link LinuxAuditCollector} since it started.
 *
 * @param linesRead audit lines read from the source
 * @param eventsAssembled events the pipeline produced
 * @param eventsPublished events Kafka acknowledged
 * @param rejected inputs sent to the dead-letter topic
 * @param eventsSpooled events written to the disk spool
 * @param spoolDepth records in the spool not yet acknowledged
 * @param missingSequences audit serials confirmed missing in this boot
 * @param socketOverruns overflows of the netlink socket (ENOBUFS; 0 when reading auditd's files)
 * @param recordsSpilled records the netlink reader spilled to disk because its queue was full
 * @param readerStalls times the netlink reader stopped reading its socket because its queue and its
 *     spill were both full (0 when reading auditd's files)
 */
public record CollectorCounters(
    long linesRead,
    long eventsAssembled,
    long eventsPublished,
    long rejected,
    long eventsSpooled,
    long spoolDepth,
    long missingSequences,
    long socketOverruns,
    long recordsSpilled,
    long readerStalls) {}
