package dev.whence.collector.spool;

/**
 * What {@link DiskSpool#open} found on disk.
 *
 * @param segments segment files kept
 * @param records unacknowledged records recovered
 * @param tornRecords records cut off: a short or CRC-failing record and whatever followed it in its
 *     segment (a crash while appending leaves one; more means corruption)
 * @param truncatedBytes bytes removed by truncating those tails
 */
public record SpoolRecovery(int segments, long records, int tornRecords, long truncatedBytes) {}
