package dev.whence.collector.linux.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptedSerialMarkTest {

  private static final String BOOT = "7dc70dd8-aa57-4914-93d4-2f14834a2543";
  private static final String OTHER_BOOT = "00000000-aa57-4914-93d4-2f14834a2543";

  @TempDir Path dir;

  @Test
  void theFirstSerialSetsTheMarkAndTheMarkSurvivesWithoutClose() throws Exception {
    AcceptedSerialMark mark = AcceptedSerialMark.open(dir, BOOT);
    mark.accepted(10);
    mark.accepted(11);
    mark.accepted(7);

    assertThat(AcceptedSerialMark.read(dir, BOOT)).isEqualTo(OptionalLong.of(11));
    assertThat(AcceptedSerialMark.read(dir, OTHER_BOOT)).isEmpty();
    mark.close();

    try (AcceptedSerialMark again = AcceptedSerialMark.open(dir, BOOT)) {
      assertThat(again.serial()).isEqualTo(11);
    }
    try (AcceptedSerialMark otherBoot = AcceptedSerialMark.open(dir, OTHER_BOOT)) {
      assertThat(otherBoot.serial()).isEqualTo(-1);
    }
  }

  @Test
  void noFileNoMark() throws Exception {
    assertThat(AcceptedSerialMark.read(dir, BOOT)).isEmpty();
  }

  @Test
  void aSerialSpooledBeforeAnOlderOneLeavesTheMarkBelowTheOlder() throws Exception {
    AcceptedSerialMark mark = AcceptedSerialMark.open(dir, BOOT);
    mark.accepted(98);
    mark.accepted(100);

    assertThat(AcceptedSerialMark.read(dir, BOOT))
        .as("99 is still arriving (another CPU's record): a kill now loses it")
        .isEqualTo(OptionalLong.of(98));
    assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(100L);
    assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, OTHER_BOOT)).isEmpty();

    mark.accepted(99);
    assertThat(AcceptedSerialMark.read(dir, BOOT)).isEqualTo(OptionalLong.of(100));
    assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).isEmpty();
    mark.close();
  }

  @Test
  void theSerialsBeyondSurviveAReopenAndFallAwayOnceAccounted() throws Exception {
    try (AcceptedSerialMark mark = AcceptedSerialMark.open(dir, BOOT)) {
      mark.accepted(100);
      mark.accepted(103);
      mark.accepted(105);
    }
    try (AcceptedSerialMark again = AcceptedSerialMark.open(dir, BOOT)) {
      assertThat(again.serial()).isEqualTo(100);
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(103L, 105L);
      again.accountedThrough(102);
      assertThat(again.serial()).as("103 was accepted, 104 was not").isEqualTo(103);
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(105L);
      again.accountedThrough(50);
      assertThat(again.serial()).isEqualTo(103);
    }
  }

  @Test
  void aSerialBeyondTheWindowMovesTheMarkAndForgetsOnlyWhatItPasses() throws Exception {
    try (AcceptedSerialMark mark = AcceptedSerialMark.open(dir, BOOT)) {
      mark.accepted(10);
      mark.accepted(12);
      long far = 20 + AcceptedSerialMark.WINDOW;
      mark.accepted(far);

      assertThat(mark.serial()).isEqualTo(far - AcceptedSerialMark.WINDOW);
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(far);
      mark.accepted(far - 1);
      mark.accepted(25);
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT))
          .containsExactly(25L, far - 1, far);
    }
  }

  @Test
  void theWholeWindowAcceptedMovesTheMarkToItsEnd() throws Exception {
    try (AcceptedSerialMark mark = AcceptedSerialMark.open(dir, BOOT)) {
      mark.accepted(0);
      for (long s = 2; s <= AcceptedSerialMark.WINDOW; s++) {
        mark.accepted(s);
      }
      assertThat(mark.serial()).isZero();
      mark.accepted(1);
      assertThat(mark.serial()).isEqualTo(AcceptedSerialMark.WINDOW);
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).isEmpty();
    }
  }

  @Test
  void whileHeldASerialBeyondTheWindowWaitsInsteadOfMovingTheMarkOverTheGap() throws Exception {
    long far = 100 + AcceptedSerialMark.WINDOW + 5_000;
    try (AcceptedSerialMark first = AcceptedSerialMark.open(dir, BOOT)) {
      first.accepted(100);
    }
    AcceptedSerialMark restarted = AcceptedSerialMark.open(dir, BOOT);
    restarted.hold();
    restarted.accepted(far + 1);
    restarted.accepted(far);
    restarted.accepted(150);

    assertThat(AcceptedSerialMark.read(dir, BOOT))
        .as("killed again before the gap is reported: the whole gap is still after the mark")
        .isEqualTo(OptionalLong.of(100));
    assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(150L);

    restarted.accountedThrough(far - 1);
    assertThat(restarted.serial())
        .as("the waiting serials are not recorded yet")
        .isEqualTo(far - 1);
    restarted.release();
    assertThat(restarted.serial()).isEqualTo(far + 1);
    restarted.accepted(far + 3);
    restarted.close();
    assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(far + 3);
  }

  @Test
  void releasedWithoutAGapTheWaitingSerialsMoveTheMarkAsUsual() throws Exception {
    try (AcceptedSerialMark first = AcceptedSerialMark.open(dir, BOOT)) {
      first.accepted(100);
    }
    try (AcceptedSerialMark restarted = AcceptedSerialMark.open(dir, BOOT)) {
      restarted.hold();
      long far = 100 + AcceptedSerialMark.WINDOW + 7;
      restarted.accepted(far);
      assertThat(restarted.serial()).isEqualTo(100);
      restarted.release();
      restarted.release();
      assertThat(restarted.serial()).isEqualTo(far - AcceptedSerialMark.WINDOW);
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(far);
    }
  }

  @Test
  void aMarkFileOfAnEarlierLayoutIsReadAsItsMark() throws Exception {
    for (int size : new int[] {44, 44 + 256 * 8}) {
      ByteBuffer old = ByteBuffer.allocate(size);
      old.put(BOOT.getBytes(StandardCharsets.US_ASCII)).putLong(42);
      if (size > 44) {
        old.putLong(43);
      }
      Files.write(dir.resolve(AcceptedSerialMark.FILE), old.array());

      assertThat(AcceptedSerialMark.read(dir, BOOT)).isEqualTo(OptionalLong.of(42));
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).isEmpty();
      try (AcceptedSerialMark mark = AcceptedSerialMark.open(dir, BOOT)) {
        assertThat(mark.serial()).isEqualTo(42);
        mark.accepted(44);
      }
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(44L);
    }
  }

  /**
   * Whatever order serials are spooled in and wherever a kill falls, the next start reports as lost
   * exactly the serials of the run that were never accepted: those after the mark that are not
   * among the accepted beyond it.
   */
  @Property(tries = 200)
  void aKillAnywhereLeavesExactlyTheUnacceptedSerialsToReport(
      @ForAll @IntRange(min = 1, max = 3_000) int serials,
      @ForAll @IntRange(min = 0, max = 40) int disorder,
      @ForAll @IntRange(min = 0, max = 3_000) int killAfter,
      @ForAll long seed)
      throws Exception {
    Path data = Files.createTempDirectory("whence-mark");
    long base = 1_000_000;
    List<Long> order = new ArrayList<>();
    for (long s = base; s < base + serials; s++) {
      order.add(s);
    }
    Random random = new Random(seed);
    for (int i = 0; i < order.size(); i++) {
      int j = Math.min(order.size() - 1, i + random.nextInt(disorder + 1));
      Collections.swap(order, i, j);
    }
    order.remove(Long.valueOf(base));
    order.add(0, base);
    AcceptedSerialMark mark = AcceptedSerialMark.open(data, BOOT);
    TreeSet<Long> accepted = new TreeSet<>();
    int kill = Math.min(killAfter, order.size());
    for (int i = 0; i < kill; i++) {
      mark.accepted(order.get(i));
      accepted.add(order.get(i));
    }

    OptionalLong left = AcceptedSerialMark.read(data, BOOT);
    TreeSet<Long> beyond = new TreeSet<>(AcceptedSerialMark.readAcceptedBeyond(data, BOOT));
    mark.close();
    Files.delete(data.resolve(AcceptedSerialMark.FILE));
    Files.delete(data);
    if (accepted.isEmpty()) {
      assertThat(left).isEmpty();
      return;
    }
    TreeSet<Long> reported = new TreeSet<>();
    for (long s = left.getAsLong() + 1; s < base + serials; s++) {
      if (!beyond.contains(s)) {
        reported.add(s);
      }
    }
    TreeSet<Long> neverAccepted = new TreeSet<>();
    for (long s = base; s < base + serials; s++) {
      if (!accepted.contains(s)) {
        neverAccepted.add(s);
      }
    }
    assertThat(reported).isEqualTo(neverAccepted);
  }
}
