package dev.whence.collector.linux.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.collector.linux.AuditPipeline;
import dev.whence.collector.linux.PositionedEventSink;
import dev.whence.collector.status.Completeness;
import dev.whence.collector.status.CompletenessTracker;
import dev.whence.collector.status.SequenceRange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refused records whose serial is known are not counted missing; unknown ones stay in the gap. */
class SequenceAccountingTest {

  private static final String BOOT = "boot-1";

  @Test
  void aRefusedRecordWithAKnownSerialIsNotMissing() {
    CompletenessTracker tracker = new CompletenessTracker();
    SequenceAccounting accounting = new SequenceAccounting(tracker, BOOT);
    List<RejectedInput> refused = new ArrayList<>();
    PositionedEventSink sink =
        new PositionedEventSink() {
          @Override
          public void event(Event event, String source, long position) {
            accounting.delivered(event);
          }

          @Override
          public void rejected(RejectedInput r) {
            refused.add(r);
            accounting.refused(r);
          }
        };
    AuditPipeline pipeline =
        new AuditPipeline(
            sink, "h", BOOT, Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
    int[] position = {0};
    java.util.function.Consumer<String> line =
        s -> {
          byte[] b = s.getBytes(StandardCharsets.UTF_8);
          pipeline.acceptLine(b, 0, b.length, "live", ++position[0]);
        };
    line.accept(syscall(77));
    line.accept("type=EOE msg=audit(1700000000.123:77): ");
    line.accept("type=SYSCALL msg=audit(1700000000.123:78): arch=c000003e =no-name");
    byte[] overlong =
        ("type=SYSCALL msg=audit(1700000000.123:79): a0=" + "f".repeat(64))
            .getBytes(StandardCharsets.UTF_8);
    pipeline.acceptOverlongLine(overlong, 0, overlong.length, 1 << 30, "live", ++position[0]);
    line.accept("pe=SYSCALL msg=audit(1700000000.123:80): arch=c000003e syscall=3");
    line.accept(syscall(81));
    line.accept("type=EOE msg=audit(1700000000.123:81): ");
    pipeline.flush();
    tracker.confirmAll();

    assertThat(refused).extracting(RejectedInput::getSequence).containsExactly(78L, 79L, null);
    Completeness c = tracker.snapshot();
    assertThat(c.recentGaps()).containsExactly(new SequenceRange(80, 80));
    assertThat(c.missing()).isEqualTo(1);
    assertThat(c.duplicates()).isZero();
  }

  private static String syscall(long serial) {
    return "type=SYSCALL msg=audit(1700000000.123:"
        + serial
        + "): arch=c000003e syscall=3 success=yes exit=0 a0=3 a1=0 a2=0 a3=0 items=0 ppid=1"
        + " pid=2 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none)"
        + " ses=1 comm=\"cat\" exe=\"/bin/cat\" key=(null)";
  }

  @Test
  void aRestartGapLosesOnlyTheSerialsTheKilledRunDidNotAccept() {
    assertThat(
            SequenceAccounting.lostRanges(
                10, 20, new java.util.TreeSet<>(List.of(5L, 10L, 13L, 14L, 20L, 30L))))
        .containsExactly(new SequenceRange(11, 12), new SequenceRange(15, 19));
    assertThat(SequenceAccounting.lostRanges(10, 12, new java.util.TreeSet<>()))
        .containsExactly(new SequenceRange(10, 12));
    assertThat(SequenceAccounting.lostRanges(10, 11, new java.util.TreeSet<>(List.of(10L, 11L))))
        .isEmpty();
  }
}
