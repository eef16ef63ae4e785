package dev.whence.graph.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class NaturalKeyBytesTest {

  @Property
  void writesTheUtf8OfTheKeysText(
      @ForAll("hostile") String a, @ForAll("hostile") String b, @ForAll long n, @ForAll int i) {
    byte[] written = NaturalKeyBytes.start("t").part(a).part(n).part(b).part(i).bytes();

    assertThat(written).isEqualTo(NaturalKey.of("t", a, n, b, i).getBytes(StandardCharsets.UTF_8));
    assertThat(NaturalKeyBytes.start("t").part(a).part(n).part(b).part(i).id(NodeIds.NAMESPACE))
        .isEqualTo(Uuid5.of(NodeIds.NAMESPACE, NaturalKey.of("t", a, n, b, i)).toString());
  }

  @Test
  void aNullPartAndTheEdgesOfNumbers() {
    for (long n :
        new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1, -10, -1, 0, 9, 10, Long.MAX_VALUE}) {
      assertThat(NaturalKeyBytes.start("t").part((String) null).part(n).bytes())
          .isEqualTo(NaturalKey.of("t", null, n).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aHugePartGrowsTheBufferAndTheNextKeyStartsSmallAgain() {
    String huge = "/x".repeat(100_000);
    assertThat(NaturalKeyBytes.start("t").part(huge).bytes())
        .isEqualTo(NaturalKey.of("t", huge).getBytes(StandardCharsets.UTF_8));
    assertThat(NaturalKeyBytes.start("t").part("y").bytes())
        .isEqualTo(NaturalKey.of("t", "y").getBytes(StandardCharsets.UTF_8));
  }

  /** Text with ASCII, Latin-1, other planes and lone surrogates, which UTF-8 writes as '?'. */
  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ascii().ofMaxLength(40),
        Arbitraries.strings()
            .withChars('a', '/', '|', ':', '\u00e9', '\u0000', '\ud800', '\udc00', '\uffff')
            .withCharRange('\u4e00', '\u4e10')
            .ofMaxLength(20),
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.just(null));
  }
}
