package dev.whence.collector.status;

import dev.whence.avro.CollectorStatus;
import dev.whence.avro.SequenceGap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the collector's {@link CollectorStatus} heartbeat and publishes it at a fixed rate.
 *
 * <p>Each heartbeat first lets the {@link CompletenessTracker} confirm gaps that stayed open for a
 * whole interval, then reports the tracker's figures, the counters, and the kernel's own lost
 * counter and backlog when known. A rise since the previous heartbeat in missing sequences, in the
 * kernel's lost counter, in the reader's socket overruns or in its stalls is logged at WARN, a rise
 * in the records the reader spilled to disk at INFO (see {@link LossWarnings}). Failures of a
 * supplier or the sink are logged and the next heartbeat still runs.
 */
public final class StatusReporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

  private final CollectorIdentity identity;
  private final CompletenessTracker tracker;
  private final Supplier<StatusCounters> counters;
  private final Supplier<KernelAuditState> kernel;
  private final StatusSink sink;
  private final Clock clock;
  private final int maxGaps;
  private final Object reportLock = new Object();
  private CollectorStatus previous;
  private ScheduledFuture<?> schedule;

  /**
   * Creates a reporter.
   *
   * @param identity host, boot, source, collector id and mode
   * @param tracker the source's completeness tracker
   * @param counters the current counters
   * @param kernel the kernel's figures; may return null when unknown
   * @param sink where heartbeats go
   * @param clock time of each heartbeat
   * @param maxGaps most recent gaps listed in one heartbeat
   */
  public StatusReporter(
      CollectorIdentity identity,
      CompletenessTracker tracker,
      Supplier<StatusCounters> counters,
      Supplier<KernelAuditState> kernel,
      StatusSink sink,
      Clock clock,
      int maxGaps) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.tracker = Objects.requireNonNull(tracker, "tracker");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxGaps < 0) {
      throw new IllegalArgumentException("maxGaps must be >= 0, got " + maxGaps);
    }
    this.maxGaps = maxGaps;
  }

  /** Builds the heartbeat for now, without confirming gaps or publishing. */
  public CollectorStatus snapshot() {
    Completeness completeness = tracker.snapshot();
    StatusCounters c = Objects.requireNonNullElse(counters.get(), StatusCounters.ZERO);
    KernelAuditState k = Objects.requireNonNullElse(kernel.get(), KernelAuditState.UNKNOWN);
    List<SequenceRange> recent = completeness.recentGaps();
    List<SequenceGap> gaps =
        recent.subList(Math.max(0, recent.size() - maxGaps), recent.size()).stream()
            .map(r -> new SequenceGap(r.from(), r.to()))
            .toList();
    Instant now = clock.instant();
    return CollectorStatus.newBuilder()
        .setHost(identity.host())
        .setBoot(completeness.boot() != null ? completeness.boot() : identity.boot())
        .setSource(identity.source())
        .setCollectorId(identity.collectorId())
        .setMode(identity.mode())
        .setTimestampNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano())
        .setFirstSequence(completeness.firstSequence())
        .setHighestSequence(completeness.highestSequence())
        .setMissingSequences(completeness.missing())
        .setGaps(gaps)
        .setKernelLost(k.lost())
        .setKernelBacklog(k.backlog())
        .setKernelBacklogLimit(k.backlogLimit())
        .setEventsRead(c.eventsRead())
        .setEventsPublished(c.eventsPublished())
        .setEventsRejected(c.eventsRejected())
        .setEventsSpooled(c.eventsSpooled())
        .setSpoolDepth(c.spoolDepth())
        .setSpoolBytes(c.spoolBytes())
        .setDropsReported(c.dropsReported())
        .setSocketOverruns(c.socketOverruns())
        .setRecordsSpilled(c.recordsSpilled())
        .setReaderStalls(c.readerStalls())
        .build();
  }

  /**
   * Confirms stale gaps, builds a heartbeat and publishes it.
   *
   * @return the heartbeat, or null when it could not be built or sent (the cause is logged)
   */
  public CollectorStatus report() {
    synchronized (reportLock) {
      try {
        tracker.confirmStaleGaps();
        CollectorStatus status = snapshot();
        warnOnLoss(status);
        sink.status(status);
        return status;
      } catch (RuntimeException e) {
        LOG.warn("status heartbeat of host {} failed: {}", identity.host(), e.toString(), e);
        return null;
      }
    }
  }

  /** Publishes a heartbeat every {@code interval} on {@code scheduler}, the first one at once. */
  public synchronized ScheduledFuture<?> start(
      ScheduledExecutorService scheduler, Duration interval) {
    if (schedule != null) {
      throw new IllegalStateException("status reporter already started");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    schedule =
        scheduler.scheduleAtFixedRate(this::report, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    return schedule;
  }

  /** Stops the periodic heartbeats (the scheduler itself belongs to the caller). */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  private void warnOnLoss(CollectorStatus status) {
    for (LossWarning warning : LossWarnings.between(previous, status)) {
      LOG.atLevel(warning.level()).log(warning.message());
    }
    previous = status;
  }
}
