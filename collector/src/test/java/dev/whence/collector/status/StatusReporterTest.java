package dev.whence.collector.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.CollectorStatus;
import dev.whence.avro.SequenceGap;
import dev.whence.avro.SourceKind;
import dev.whence.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class StatusReporterTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.123456789Z");
  private static final CollectorIdentity IDENTITY =
      new CollectorIdentity("host-1", "boot-at-start", SourceKind.LINUX_AUDIT, "c-1", "netlink");

  static {
    // Avro 1.12 refuses to instantiate classes it was not told to trust.
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.DEFAULT, c -> c.getName().startsWith("dev.whence.avro.")));
  }

  private final List<CollectorStatus> sent = new CopyOnWriteArrayList<>();

  private StatusReporter reporter(
      CompletenessTracker tracker, KernelAuditState kernel, StatusSink sink) {
    return reporter(
        tracker, () -> new StatusCounters(10, 8, 1, 3, 2, 200, 0, 4, 9, 6), kernel, sink);
  }

  private StatusReporter reporter(
      CompletenessTracker tracker,
      Supplier<StatusCounters> counters,
      KernelAuditState kernel,
      StatusSink sink) {
    return new StatusReporter(
        IDENTITY, tracker, counters, () -> kernel, sink, Clock.fixed(NOW, ZoneOffset.UTC), 2);
  }

  @Test
  void heartbeatCarriesIdentityCountersKernelFiguresAndGaps() {
    var tracker = new CompletenessTracker(0, 10);
    for (long s : new long[] {5, 6, 8, 10, 14}) {
      tracker.observe("boot-x", s);
    }
    CollectorStatus status =
        reporter(tracker, new KernelAuditState(3L, 7L, 8192L), sent::add).report();

    assertThat(sent).containsExactly(status);
    assertThat(status.getHost()).isEqualTo("host-1");
    assertThat(status.getBoot()).isEqualTo("boot-x");
    assertThat(status.getSource()).isEqualTo(SourceKind.LINUX_AUDIT);
    assertThat(status.getCollectorId()).isEqualTo("c-1");
    assertThat(status.getMode()).isEqualTo("netlink");
    assertThat(status.getTimestampNanos()).isEqualTo(1_795_773_600_123_456_789L);
    assertThat(status.getFirstSequence()).isEqualTo(5L);
    assertThat(status.getHighestSequence()).isEqualTo(14L);
    assertThat(status.getMissingSequences()).isEqualTo(5);
    assertThat(status.getGaps())
        .containsExactly(new SequenceGap(9L, 9L), new SequenceGap(11L, 13L));
    assertThat(status.getKernelLost()).isEqualTo(3L);
    assertThat(status.getKernelBacklog()).isEqualTo(7L);
    assertThat(status.getKernelBacklogLimit()).isEqualTo(8192L);
    assertThat(status.getEventsRead()).isEqualTo(10);
    assertThat(status.getEventsPublished()).isEqualTo(8);
    assertThat(status.getEventsRejected()).isEqualTo(1);
    assertThat(status.getEventsSpooled()).isEqualTo(3);
    assertThat(status.getSpoolDepth()).isEqualTo(2);
    assertThat(status.getSpoolBytes()).isEqualTo(200);
    assertThat(status.getSocketOverruns()).isEqualTo(4);
    assertThat(status.getRecordsSpilled()).isEqualTo(9);
    assertThat(status.getReaderStalls()).isEqualTo(6);
    byte[] encoded = Topics.STATUS.value().serializer().serialize("whence.status", status);
    assertThat(Topics.STATUS.value().deserializer().deserialize("whence.status", encoded))
        .isEqualTo(status);
  }

  @Test
  void beforeAnySequenceTheBootAtStartIsReportedAndUnknownKernelFiguresAreNull() {
    CollectorStatus status = reporter(new CompletenessTracker(), null, sent::add).report();
    assertThat(status.getBoot()).isEqualTo("boot-at-start");
    assertThat(status.getHighestSequence()).isNull();
    assertThat(status.getKernelLost()).isNull();
    assertThat(status.getGaps()).isEmpty();
  }

  @Test
  void aGapOpenForAWholeIntervalIsConfirmedByTheSecondHeartbeat() {
    var tracker = new CompletenessTracker(1_000, 10);
    tracker.observe("b", 1);
    tracker.observe("b", 5);
    StatusReporter reporter = reporter(tracker, KernelAuditState.UNKNOWN, sent::add);
    assertThat(reporter.report().getMissingSequences()).isZero();
    CollectorStatus second = reporter.report();
    assertThat(second.getMissingSequences()).isEqualTo(3);
    assertThat(second.getGaps()).containsExactly(new SequenceGap(2L, 4L));
  }

  @Test
  void risingReaderFiguresReachTheNextHeartbeat() {
    var reader = new AtomicReference<>(new long[] {0, 0, 0});
    StatusCounters publisher = new StatusCounters(10, 8, 1, 3, 2, 200, 0, 0, 0, 0);
    StatusReporter reporter =
        reporter(
            new CompletenessTracker(),
            () -> publisher.withReader(reader.get()[0], reader.get()[1], reader.get()[2]),
            KernelAuditState.UNKNOWN,
            sent::add);

    CollectorStatus calm = reporter.report();
    reader.set(new long[] {2, 150, 0});
    CollectorStatus overrun = reporter.report();
    reader.set(new long[] {3, 150, 4});
    CollectorStatus again = reporter.report();

    assertThat(sent).containsExactly(calm, overrun, again);
    assertThat(calm.getSocketOverruns()).isZero();
    assertThat(calm.getRecordsSpilled()).isZero();
    assertThat(calm.getReaderStalls()).isZero();
    assertThat(overrun.getSocketOverruns()).isEqualTo(2);
    assertThat(overrun.getRecordsSpilled()).isEqualTo(150);
    assertThat(overrun.getReaderStalls()).isZero();
    assertThat(again.getSocketOverruns()).isEqualTo(3);
    assertThat(again.getRecordsSpilled()).isEqualTo(150);
    assertThat(again.getReaderStalls()).isEqualTo(4);
    assertThat(again.getEventsRead()).isEqualTo(10);
    assertThat(again.getSpoolBytes()).isEqualTo(200);
  }

  @Test
  void withReaderReplacesOnlyTheReadersFigures() {
    StatusCounters counters =
        new StatusCounters(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).withReader(80, 90, 100);

    assertThat(counters).isEqualTo(new StatusCounters(1, 2, 3, 4, 5, 6, 7, 80, 90, 100));
    assertThat(StatusCounters.ZERO.withReader(0, 0, 0)).isEqualTo(StatusCounters.ZERO);
  }

  @Test
  void missingCountersReportZeroForTheReadersFigures() {
    CollectorStatus status =
        reporter(new CompletenessTracker(), () -> null, KernelAuditState.UNKNOWN, sent::add)
            .report();

    assertThat(status.getSocketOverruns()).isZero();
    assertThat(status.getRecordsSpilled()).isZero();
    assertThat(status.getReaderStalls()).isZero();
    assertThat(status.getEventsRead()).isZero();
  }

  @Test
  void aFailingSinkDoesNotStopTheSchedule() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    StatusSink flaky =
        status -> {
          if (calls.incrementAndGet() % 2 == 1) {
            throw new IllegalStateException("broker unreachable");
          }
          sent.add(status);
        };
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (StatusReporter reporter =
        reporter(new CompletenessTracker(), KernelAuditState.UNKNOWN, flaky)) {
      reporter.start(scheduler, Duration.ofMillis(20));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sent.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } finally {
      scheduler.shutdownNow();
    }
    assertThat(sent.size()).isGreaterThanOrEqualTo(2);
    assertThat(calls.get()).isGreaterThanOrEqualTo(3);
  }
}
