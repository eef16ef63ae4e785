package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEventAssemblerTest {

  private final AuditRecordParser parser = new AuditRecordParser();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<AuditEvent> events = new ArrayList<>();
  private final List<String> rejections = new ArrayList<>();
  private final AuditEventAssembler.Output out =
      new AuditEventAssembler.Output() {
        @Override
        public void event(AuditEvent event) {
          events.add(event);
        }

        @Override
        public void rejected(
            AuditRecord record, String source, long position, String code, String reason) {
          rejections.add(code + " " + record.serial() + " @" + position);
        }
      };

  private AuditRecord rec(String line) throws AuditParseException {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return parser.parse(b, 0, b.length);
  }

  private static String syscall(String time, long serial) {
    return "type=SYSCALL msg=audit(" + time + ":" + serial + "): arch=c000003e syscall=2 pid=1";
  }

  private static String other(String type, String time, long serial) {
    return "type=" + type + " msg=audit(" + time + ":" + serial + "): item=0";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "testdata_normal.log",
        "testdata_out_of_order.log",
        "testdata_lost_messages.log",
        "testdata_rollover.log"
      })
  void goLibauditStreamsAssembleLikeAGroupingBySerial(String log) throws Exception {
    List<String> lines = GoLibauditAuparseConformanceTest.lines(log);
    Map<Long, TreeSet<Integer>> expected = new TreeMap<>();
    AuditEventAssembler a = new AuditEventAssembler(AssemblerConfig.DEFAULT, clock, out);
    Map<AuditRecord, Integer> lineOf = new IdentityHashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      AuditRecord r = rec(lines.get(n));
      lineOf.put(r, n + 1);
      expected.computeIfAbsent(r.serial(), k -> new TreeSet<>()).add(n + 1);
      a.accept(r, log, n + 1);
    }
    a.flush();
    Map<Long, TreeSet<Integer>> actual = new TreeMap<>();
    for (AuditEvent e : events) {
      TreeSet<Integer> set = new TreeSet<>();
      e.records().forEach(r -> set.add(lineOf.get(r)));
      assertThat(actual.put(e.serial(), set)).as("serial %d emitted twice", e.serial()).isNull();
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(rejections).isEmpty();
  }

  @Test
  void eoeAndProctitleCloseAnEventAtOnce() throws Exception {
    AuditEventAssembler a = new AuditEventAssembler(AssemblerConfig.DEFAULT, clock, out);
    a.accept(rec(syscall("100.000", 7)), "t", 1);
    a.accept(rec(other("CWD", "100.000", 7)), "t", 2);
    assertThat(events).isEmpty();
    a.accept(rec("type=EOE msg=audit(100.000:7): "), "t", 3);
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.completion()).isEqualTo(AuditEvent.Completion.EOE);
              assertThat(e.records()).hasSize(3);
            });
    a.accept(rec(syscall("100.001", 8)), "t", 4);
    a.accept(rec("type=PROCTITLE msg=audit(100.001:8): proctitle=6C73"), "t", 5);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).completion()).isEqualTo(AuditEvent.Completion.PROCTITLE);
    assertThat(a.inFlight()).isZero();
  }

  @Test
  void recordsOfAClosedEventAreRefusedNotEmittedTwice() throws Exception {
    AuditEventAssembler a = new AuditEventAssembler(AssemblerConfig.DEFAULT, clock, out);
    a.accept(rec(syscall("100.001", 8)), "t", 1);
    a.accept(rec("type=PROCTITLE msg=audit(100.001:8): proctitle=6C73"), "t", 2);
    a.accept(rec(other("PATH", "100.001", 8)), "t", 3);
    a.accept(rec("type=EOE msg=audit(100.001:8): "), "t", 4);
    a.flush();
    assertThat(events).hasSize(1);
    assertThat(rejections).containsExactly("LATE_RECORD 8 @3");
    assertThat(a.orphanEoe()).isEqualTo(1);
  }

  @Test
  void recordTimeClosesEventsThatNeverSeeTheirEnd() throws Exception {
    AuditEventAssembler a = new AuditEventAssembler(AssemblerConfig.DEFAULT, clock, out);
    a.accept(rec(syscall("100.000", 1)), "t", 1);
    a.accept(rec(syscall("102.100", 2)), "t", 2);
    assertThat(events).as("too few records since").isEmpty();
    long serial = 3;
    while (events.isEmpty() && serial < 5000) {
      a.accept(rec("type=EOE msg=audit(102.100:" + serial + "): "), "t", serial);
      serial++;
    }
    assertThat(serial - 3)
        .isBetween(
            AuditEventAssembler.RECORD_TIMEOUT_MIN_RECORDS - 1,
            2 * AuditEventAssembler.RECORD_TIMEOUT_MIN_RECORDS);
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.serial()).isEqualTo(1);
              assertThat(e.completion()).isEqualTo(AuditEvent.Completion.RECORD_TIMEOUT);
            });
    assertThat(a.oldestOpenPosition(99)).isEqualTo(2);
  }

  @Test
  void theClockClosesEventsOfAQuietSource() throws Exception {
    AuditEventAssembler a = new AuditEventAssembler(AssemblerConfig.DEFAULT, clock, out);
    a.accept(rec(syscall("100.000", 1)), "t", 1);
    clock.advance(Duration.ofMillis(1999));
    a.tick();
    assertThat(events).isEmpty();
    clock.advance(Duration.ofMillis(1));
    a.tick();
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.completion()).isEqualTo(AuditEvent.Completion.IDLE_TIMEOUT));
    assertThat(a.oldestOpenPosition(42)).isEqualTo(42);
  }

  @Test
  void theNewestOpenEventCountsLikeTheOthers() throws Exception {
    AuditEventAssembler a = new AuditEventAssembler(AssemblerConfig.DEFAULT, clock, out);
    a.accept(rec(syscall("100.000", 1)), "t", 7);
    assertThat(a.inFlight()).isEqualTo(1);
    assertThat(a.oldestOpenPosition(42)).isEqualTo(7);
    clock.advance(Duration.ofMillis(500));
    a.accept(rec(syscall("100.000", 2)), "t", 8);
    a.accept(rec(other("PATH", "100.000", 1)), "t", 9);
    assertThat(a.inFlight()).isEqualTo(2);
    assertThat(a.oldestOpenPosition(42)).isEqualTo(7);
    a.accept(rec(other("PROCTITLE", "100.000", 1)), "t", 10);
    assertThat(a.oldestOpenPosition(42)).isEqualTo(8);
    assertThat(events).extracting(AuditEvent::serial).containsExactly(1L);
    clock.advance(Duration.ofMillis(2000));
    a.tick();
    assertThat(events).extracting(AuditEvent::serial).containsExactly(1L, 2L);
    assertThat(a.inFlight()).isZero();
    a.accept(rec(syscall("100.000", 3)), "t", 11);
    a.accept(rec(syscall("100.000", 4)), "t", 12);
    a.accept(rec(other("PATH", "100.000", 3)), "t", 13);
    a.flush();
    assertThat(events).extracting(AuditEvent::serial).containsExactly(1L, 2L, 3L, 4L);
    assertThat(events.get(2).records()).hasSize(2);
    assertThat(a.oldestOpenPosition(42)).isEqualTo(42);
  }

  @Test
  void boundsEventsInFlightAndRecordsPerEvent() throws Exception {
    AssemblerConfig small = new AssemblerConfig(Duration.ofSeconds(2), Duration.ofSeconds(2), 2, 3);
    AuditEventAssembler a = new AuditEventAssembler(small, clock, out);
    a.accept(rec(syscall("100.000", 1)), "t", 1);
    a.accept(rec(syscall("100.000", 2)), "t", 2);
    a.accept(rec(syscall("100.000", 3)), "t", 3);
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.serial()).isEqualTo(1);
              assertThat(e.completion()).isEqualTo(AuditEvent.Completion.EVICTED);
            });
    a.accept(rec(other("PATH", "100.000", 3)), "t", 4);
    a.accept(rec(other("PATH", "100.000", 3)), "t", 5);
    a.accept(rec(other("PATH", "100.000", 3)), "t", 6);
    assertThat(rejections).containsExactly("TOO_MANY_RECORDS 3 @6");
    assertThat(a.evicted()).isEqualTo(1);
  }

  @Test
  void keepsNodesAndRolledOverSerialsApart() throws Exception {
    AuditEventAssembler a = new AuditEventAssembler(AssemblerConfig.DEFAULT, clock, out);
    a.accept(rec("node=a " + syscall("100.000", 4294967295L)), "t", 1);
    a.accept(rec("node=b " + syscall("100.000", 4294967295L)), "t", 2);
    a.accept(rec("node=a " + syscall("100.000", 0)), "t", 3);
    a.accept(rec("node=a " + other("CWD", "100.000", 4294967295L)), "t", 4);
    a.accept(rec("node=b " + other("CWD", "100.000", 0)), "t", 5);
    a.flush();
    Map<String, Integer> sizes = new HashMap<>();
    events.forEach(e -> sizes.put(e.node() + ":" + e.serial(), e.records().size()));
    assertThat(sizes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("a:4294967295", 2, "b:4294967295", 1, "a:0", 1, "b:0", 1));
  }

  @Test
  void userSpaceRecordsAreEventsOfTheirOwn() throws Exception {
    AuditEventAssembler a = new AuditEventAssembler(AssemblerConfig.DEFAULT, clock, out);
    a.accept(rec(syscall("100.000", 5)), "t", 1);
    a.accept(
        rec("type=USER_LOGIN msg=audit(100.000:5): pid=1 uid=0 msg='op=login res=success'"),
        "t",
        2);
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.completion()).isEqualTo(AuditEvent.Completion.STANDALONE);
              assertThat(e.records()).hasSize(1);
            });
    assertThat(a.inFlight()).isEqualTo(1);
  }
}
