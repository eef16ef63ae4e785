package dev.whence.collector.linux.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptedSerialMarkTest {

  private static final String BOOT = "7dc70dd8-aa57-4914-93d4-2f14834a2543";
  private static final String OTHER_BOOT = "00000000-aa57-4914-93d4-2f14834a2543";

  @TempDir Path dir;

  @Test
  void theMarkSurvivesWithoutCloseAndOnlyRises() throws Exception {
    AcceptedSerialMark mark = AcceptedSerialMark.open(dir, BOOT);
    mark.advance(10);
    mark.advance(7);

    assertThat(AcceptedSerialMark.read(dir, BOOT)).isEqualTo(OptionalLong.of(10));
    assertThat(AcceptedSerialMark.read(dir, OTHER_BOOT)).isEmpty();
    mark.close();

    try (AcceptedSerialMark again = AcceptedSerialMark.open(dir, BOOT)) {
      assertThat(again.serial()).isEqualTo(10);
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
  void serialsAcceptedBeyondTheMarkSurviveAndFallAwayOnceTheMarkPassesThem() throws Exception {
    AcceptedSerialMark mark = AcceptedSerialMark.open(dir, BOOT);
    mark.advance(100);
    mark.accepted(99);
    mark.accepted(103);
    mark.accepted(105);

    assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(103L, 105L);
    assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, OTHER_BOOT)).isEmpty();

    try (AcceptedSerialMark again = AcceptedSerialMark.open(dir, BOOT)) {
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(103L, 105L);
      again.advance(104);
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).containsExactly(105L);
      again.accepted(105 + AcceptedSerialMark.SLOTS);
      assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT))
          .as(
              "a later serial in the same slot replaces the earlier one (reported lost, not hidden)")
          .containsExactly(105L + AcceptedSerialMark.SLOTS);
    }
  }

  @Test
  void aMarkFileOfTheEarlierLayoutIsReadAsItsMark() throws Exception {
    java.nio.ByteBuffer old = java.nio.ByteBuffer.allocate(44);
    old.put(BOOT.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putLong(42);
    java.nio.file.Files.write(dir.resolve(AcceptedSerialMark.FILE), old.array());

    assertThat(AcceptedSerialMark.read(dir, BOOT)).isEqualTo(OptionalLong.of(42));
    assertThat(AcceptedSerialMark.readAcceptedBeyond(dir, BOOT)).isEmpty();
    try (AcceptedSerialMark mark = AcceptedSerialMark.open(dir, BOOT)) {
      assertThat(mark.serial()).isEqualTo(42);
    }
  }
}
