package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SwarTest {

  @Property(tries = 2000)
  void lowestFlaggedByteIsTheFirstMatch(
      @ForAll @Size(8) byte[] word,
      @ForAll byte b,
      @ForAll @IntRange(min = 1, max = 128) int limit) {
    long loaded = Swar.load(word, 0);
    int firstEqual = -1;
    int firstBelow = -1;
    for (int i = 7; i >= 0; i--) {
      if (word[i] == b) {
        firstEqual = i;
      }
      if (word[i] >= 0 && word[i] < limit) {
        firstBelow = i;
      }
    }
    long equal = Swar.equalTo(loaded, b);
    long below = Swar.below(loaded, limit);
    assertThat(equal == 0 ? -1 : Swar.first(equal)).isEqualTo(firstEqual);
    assertThat(below == 0 ? -1 : Swar.first(below)).isEqualTo(firstBelow);
  }

  @Property(tries = 3000)
  void recognisesWordsOfHexDigits(@ForAll @Size(8) byte[] word, @ForAll boolean forceHex) {
    String digits = "0123456789abcdefABCDEF";
    if (forceHex) {
      for (int i = 0; i < 8; i++) {
        word[i] = (byte) digits.charAt(Math.floorMod(word[i], digits.length()));
      }
    }
    boolean expected = true;
    for (byte b : word) {
      expected &= digits.indexOf(b & 0xff) >= 0;
    }
    assertThat(Swar.allHexDigits(Swar.load(word, 0))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void checksEveryByteValueAtEveryPosition() {
    String digits = "0123456789abcdefABCDEF";
    for (int at = 0; at < 8; at++) {
      for (int v = 0; v < 256; v++) {
        byte[] word = "0aF9e1B7".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        word[at] = (byte) v;
        assertThat(Swar.allHexDigits(Swar.load(word, 0)))
            .as("byte 0x%02x at %d", v, at)
            .isEqualTo(digits.indexOf(v) >= 0);
      }
    }
  }

  @Property(tries = 1000)
  void findsNonAsciiBytesAnywhere(
      @ForAll @Size(max = 40) byte[] bytes, @ForAll @IntRange(max = 40) int off) {
    int from = Math.min(off, bytes.length);
    boolean expected = false;
    for (int i = from; i < bytes.length; i++) {
      expected |= bytes[i] < 0;
    }
    assertThat(Swar.hasNonAscii(bytes, from, bytes.length - from)).isEqualTo(expected);
  }
}
