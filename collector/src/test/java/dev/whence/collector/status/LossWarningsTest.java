package dev.whence.collector.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.whence.avro.CollectorStatus;
import dev.whence.avro.SequenceGap;
import dev.whence.avro.SourceKind;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LossWarningsTest {

  static {
    // Avro 1.12 refuses to instantiate classes it was not told to trust (the gaps' SequenceGap).
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(), c -> c.getName().startsWith("dev.whence.avro.")));
  }

  private static CollectorStatus.Builder heartbeat() {
    return CollectorStatus.newBuilder()
        .setHost("web-1")
        .setBoot("boot-a")
        .setSource(SourceKind.LINUX_AUDIT)
        .setCollectorId("c-1")
        .setTimestampNanos(1_000L);
  }

  @Test
  void aRiseInReaderStallsIsAWarningNamingTheFigureTheRiseAndTheTotal() {
    CollectorStatus before = heartbeat().setReaderStalls(3).build();
    CollectorStatus now = heartbeat().setReaderStalls(5).build();

    List<LossWarning> warnings = LossWarnings.between(before, now);

    assertThat(warnings).hasSize(1);
    LossWarning stalls = warnings.get(0);
    assertThat(stalls.level()).isEqualTo(Level.WARN);
    assertThat(stalls.figure()).isEqualTo("readerStalls");
    assertThat(stalls.rise()).isEqualTo(2);
    assertThat(stalls.total()).isEqualTo(5);
    assertThat(stalls.message())
        .startsWith("host web-1: the reader stopped reading the audit socket 2 times")
        .contains("(5 since start)");
  }

  @Test
  void eachReaderFigureRisesAtItsOwnLevelWithItsOwnMessage() {
    CollectorStatus before =
        heartbeat().setSocketOverruns(1).setRecordsSpilled(100).setReaderStalls(1).build();
    CollectorStatus now =
        heartbeat().setSocketOverruns(4).setRecordsSpilled(250).setReaderStalls(1).build();

    List<LossWarning> warnings = LossWarnings.between(before, now);

    assertThat(warnings)
        .extracting(LossWarning::figure, LossWarning::level, LossWarning::rise, LossWarning::total)
        .containsExactly(
            tuple("socketOverruns", Level.WARN, 3L, 4L),
            tuple("recordsSpilled", Level.INFO, 150L, 250L));
    assertThat(warnings.get(0).message())
        .isEqualTo(
            "host web-1: the audit socket overflowed 3 times since the last heartbeat (4 since"
                + " start): the kernel may have dropped records (see kernelLost and the sequence"
                + " gaps)");
    assertThat(warnings.get(1).message())
        .isEqualTo(
            "host web-1: the reader spilled 150 records to disk since the last heartbeat (250"
                + " since start): its memory queue was full, the collector is falling behind");
  }

  @Test
  void noRiseNoWarning() {
    CollectorStatus status =
        heartbeat()
            .setMissingSequences(4)
            .setKernelLost(9L)
            .setSocketOverruns(2)
            .setRecordsSpilled(10)
            .setReaderStalls(1)
            .build();
    CollectorStatus lower =
        heartbeat()
            .setMissingSequences(4)
            .setKernelLost(2L)
            .setSocketOverruns(2)
            .setRecordsSpilled(10)
            .setReaderStalls(1)
            .build();

    assertThat(LossWarnings.between(status, CollectorStatus.newBuilder(status).build())).isEmpty();
    assertThat(LossWarnings.between(status, lower)).isEmpty();
  }

  @Test
  void theFirstHeartbeatWarnsAboutEveryPositiveFigureAsIfAllHadBeenZero() {
    CollectorStatus first =
        heartbeat()
            .setMissingSequences(3)
            .setGaps(List.of(new SequenceGap(7L, 9L)))
            .setKernelLost(12L)
            .setSocketOverruns(1)
            .setRecordsSpilled(40)
            .setReaderStalls(2)
            .build();

    List<LossWarning> warnings = LossWarnings.between(null, first);

    assertThat(warnings)
        .extracting(LossWarning::figure, LossWarning::rise)
        .containsExactly(
            tuple("missingSequences", 3L),
            tuple("kernelLost", 12L),
            tuple("socketOverruns", 1L),
            tuple("readerStalls", 2L),
            tuple("recordsSpilled", 40L));
    assertThat(warnings.get(0).message())
        .isEqualTo(
            "host web-1 boot boot-a: 3 sequences missing (3 new since the last heartbeat);"
                + " latest gaps [7..9]");
    assertThat(warnings.get(1).message())
        .isEqualTo(
            "host web-1: the kernel reports 12 lost audit records (12 new since the last"
                + " heartbeat)");
    assertThat(LossWarnings.between(null, heartbeat().build())).isEmpty();
  }

  @Test
  void missingSequencesCountAfreshInANewBoot() {
    CollectorStatus oldBoot = heartbeat().setMissingSequences(50).build();
    CollectorStatus newBoot = heartbeat().setBoot("boot-b").setMissingSequences(5).build();

    assertThat(LossWarnings.between(oldBoot, newBoot))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.figure()).isEqualTo("missingSequences");
              assertThat(w.rise()).isEqualTo(5);
              assertThat(w.message()).startsWith("host web-1 boot boot-b: 5 sequences missing");
            });
  }

  @Test
  void anUnknownKernelLostCounterNeverWarnsAndALaterKnownOneCountsFromZero() {
    CollectorStatus known = heartbeat().setKernelLost(6L).build();
    CollectorStatus unknown = heartbeat().setKernelLost(null).build();

    assertThat(LossWarnings.between(known, unknown)).isEmpty();
    assertThat(LossWarnings.between(unknown, known))
        .singleElement()
        .satisfies(w -> assertThat(w.rise()).isEqualTo(6));
    assertThat(LossWarnings.between(null, heartbeat().setKernelLost(0L).build())).isEmpty();
  }

  @Property
  void aWarningOfACounterAddsItsRiseToThePreviousValue(
      @ForAll @LongRange(min = 0, max = 1_000_000) long overruns,
      @ForAll @LongRange(min = 0, max = 1_000_000) long stalls,
      @ForAll @LongRange(min = 0, max = 1_000_000) long moreOverruns,
      @ForAll @LongRange(min = -3, max = 1_000_000) long moreStalls) {
    CollectorStatus before =
        heartbeat().setSocketOverruns(overruns).setReaderStalls(stalls).build();
    CollectorStatus now =
        heartbeat()
            .setSocketOverruns(overruns + moreOverruns)
            .setReaderStalls(Math.max(0, stalls + moreStalls))
            .build();

    List<LossWarning> warnings = LossWarnings.between(before, now);

    assertThat(warnings).allSatisfy(w -> assertThat(w.rise()).isPositive());
    assertThat(warnings.stream().filter(w -> w.figure().equals("socketOverruns")).toList())
        .hasSize(moreOverruns > 0 ? 1 : 0)
        .allSatisfy(w -> assertThat(w.total()).isEqualTo(overruns + w.rise()));
    assertThat(warnings.stream().filter(w -> w.figure().equals("readerStalls")).toList())
        .hasSize(now.getReaderStalls() > stalls ? 1 : 0)
        .allSatisfy(w -> assertThat(w.total()).isEqualTo(stalls + w.rise()));
  }
}
