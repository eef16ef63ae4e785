package dev.whence.collector.spool;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link DiskSpool} forces appended records to the disk ({@code fsync}): after {@code
 * everyRecords} records, or when {@code interval} has passed since the last sync and a record is
 * appended or {@link DiskSpool#syncIfDue()} is called, whichever comes first. A zero disables that
 * criterion; with both disabled only {@link DiskSpool#sync()}, segment rolls and close sync, which
 * still survives a killed process (the page cache keeps the data) but not a power loss.
 *
 * @param everyRecords records between syncs, or 0
 * @param interval longest time between an append and its sync, or {@link Duration#ZERO}
 */
public record SyncPolicy(int everyRecords, Duration interval) {

  /** Sync every 1000 records or every 200 ms. */
  public static final SyncPolicy DEFAULT = new SyncPolicy(1000, Duration.ofMillis(200));

  /** Sync after every record: the most durable and the slowest. */
  public static final SyncPolicy EVERY_RECORD = new SyncPolicy(1, Duration.ZERO);

  /** Leave syncing to the operating system, except on roll and close. */
  public static final SyncPolicy OS = new SyncPolicy(0, Duration.ZERO);

  public SyncPolicy {
    Objects.requireNonNull(interval, "interval");
    if (everyRecords < 0) {
      throw new IllegalArgumentException("everyRecords must be >= 0, got " + everyRecords);
    }
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative, got " + interval);
    }
  }
}
