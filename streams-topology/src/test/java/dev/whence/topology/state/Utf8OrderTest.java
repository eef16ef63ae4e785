package dev.whence.topology.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Utf8OrderTest {

  @Property(tries = 500)
  void ordersAsUtf8BytesWhateverTheProbeSeenBefore(
      @ForAll("keys") String probe, @ForAll("keyLists") List<String> others) {
    Utf8Order order = new Utf8Order();
    for (String other : others) {
      // The same probe against many keys, as a sorted map does, then the other way round.
      assertThat(Integer.signum(order.compare(probe, other))).isEqualTo(utf8(probe, other));
      assertThat(Integer.signum(order.compare(other, probe))).isEqualTo(utf8(other, probe));
    }
  }

  @Test
  void supplementaryCharactersSortAfterTheEndOfTheBasicPlane() {
    Utf8Order order = new Utf8Order();
    String emoji = "k\uD83D\uDE00";
    String privateUse = "k\uE000";
    assertThat(order.compare(emoji, privateUse)).isPositive();
    assertThat(order.compare(privateUse, emoji)).isNegative();
    assertThat(emoji.compareTo(privateUse)).isNegative();
    assertThat(order.compare("k1", emoji)).isNegative();
    assertThat(order.compare("k1", "k1")).isZero();
  }

  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> unit =
        Arbitraries.of(
            "a",
            "b",
            "0",
            "\u00e9",
            "\u07ff",
            "\uD7FF",
            "\uE000",
            "\uFFFD",
            "\uD83D\uDE00",
            "\uDBFF\uDFFF");
    return unit.list().ofMaxSize(6).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<List<String>> keyLists() {
    return keys().list().ofMaxSize(8);
  }

  private static int utf8(String a, String b) {
    return Integer.signum(
        Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
  }
}
