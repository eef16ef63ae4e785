package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialGapTrackerTest {

  @TempDir Path dir;

  private final List<long[]> gaps = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

  private SerialGapTracker tracker(String boot, int settle, Clock c) throws Exception {
    return new SerialGapTracker(
        dir.resolve("serial"),
        boot,
        (a, b) -> gaps.add(new long[] {a, b}),
        c,
        settle,
        Duration.ofSeconds(2));
  }

  @Test
  void reportsTheSerialsBetweenTheLastAcknowledgedAndTheLowestReceivedAfterRestart()
      throws Exception {
    SerialGapTracker first = tracker("boot-a", 3, clock);
    first.observe(10);
    first.observe(11);
    first.acknowledged(11);
    SerialGapTracker second = tracker("boot-a", 3, clock);
    assertThat(second.lastAcknowledged()).hasValue(11);
    second.observe(25);
    second.observe(23);
    assertThat(gaps).isEmpty();
    second.observe(26);
    assertThat(gaps).containsExactly(new long[] {12, 22});
    second.observe(40);
    assertThat(gaps).hasSize(1);
  }

  @Test
  void tellsThatTheRestartGapIsSettledAfterReportingIt() throws Exception {
    List<String> heard = new ArrayList<>();
    GapListener listener =
        new GapListener() {
          @Override
          public void onGap(long from, long to) {
            heard.add("gap " + from + ".." + to);
          }

          @Override
          public void onSettled() {
            heard.add("settled");
          }
        };
    new SerialGapTracker(dir.resolve("serial"), "boot-a", listener, clock, 1, Duration.ofSeconds(2))
        .acknowledged(10);
    new SerialGapTracker(dir.resolve("serial"), "boot-a", listener, clock, 1, Duration.ofSeconds(2))
        .observe(20);
    new SerialGapTracker(dir.resolve("serial"), "boot-a", listener, clock, 1, Duration.ofSeconds(2))
        .observe(11);
    SerialGapTracker firstStart =
        new SerialGapTracker(
            dir.resolve("other"), "boot-a", listener, clock, 1, Duration.ofSeconds(2));
    firstStart.observe(5);
    firstStart.settle();

    assertThat(heard).containsExactly("gap 11..19", "settled", "settled");
  }

  @Test
  void noGapWhenTheNextSerialFollowsOrTheBootChanged() throws Exception {
    tracker("boot-a", 1, clock).acknowledged(100);
    tracker("boot-a", 1, clock).observe(101);
    tracker("boot-b", 1, clock).observe(5000);
    assertThat(gaps).isEmpty();
  }

  @Test
  void noGapOnAFirstStart() throws Exception {
    SerialGapTracker t = tracker("boot-a", 1, clock);
    t.observe(900);
    assertThat(gaps).isEmpty();
    assertThat(t.lastAcknowledged()).isEmpty();
  }

  @Test
  void settlesAfterTheSettlingTimeOnAQuietHost() throws Exception {
    tracker("boot-a", 1000, clock).acknowledged(5);
    Instant[] now = {clock.instant()};
    Clock moving =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    SerialGapTracker t = tracker("boot-a", 1000, moving);
    t.observe(9);
    assertThat(gaps).isEmpty();
    now[0] = now[0].plusSeconds(3);
    t.observe(12);
    assertThat(gaps).containsExactly(new long[] {6, 8});
  }

  @Test
  void settleReportsAtOnceAndAcknowledgementOnlyMovesForward() throws Exception {
    SerialGapTracker t = tracker("boot-a", 1000, clock);
    t.acknowledged(50);
    t.acknowledged(40);
    assertThat(Files.readString(dir.resolve("serial"))).contains("serial=50");
    SerialGapTracker again = tracker("boot-a", 1000, clock);
    again.observe(60);
    again.settle();
    assertThat(gaps).containsExactly(new long[] {51, 59});
  }

  @Test
  void aHeartbeatSettlesOnlyAfterTheFirstRecordAndTheSettlingTime() throws Exception {
    tracker("boot-a", 1000, clock).acknowledged(5);
    Instant[] now = {clock.instant()};
    SerialGapTracker t =
        new SerialGapTracker(
            dir.resolve("serial"),
            "boot-a",
            (a, b) -> gaps.add(new long[] {a, b}),
            new Clock() {
              @Override
              public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(java.time.ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return now[0];
              }
            },
            1000,
            Duration.ofSeconds(2));
    now[0] = now[0].plusSeconds(10);
    t.settleIfDue();
    t.observe(20);
    t.settleIfDue();
    assertThat(gaps).isEmpty();
    now[0] = now[0].plusSeconds(1);
    t.observe(18);
    now[0] = now[0].plusSeconds(1);
    t.settleIfDue();
    assertThat(gaps).containsExactly(new long[] {6, 17});
  }
}
