package dev.whence.graph.identity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class NaturalKeyTest {

  @Property
  void numbersAreEncodedAsTheirDecimalTextIs(@ForAll long l, @ForAll int i) {
    assertThat(NaturalKey.of("t", l, i, "x"))
        .isEqualTo(NaturalKey.of("t", Long.toString(l), Integer.toString(i), "x"));
    assertThat(NaturalKey.digits(l)).isEqualTo(Long.toString(l).length());
  }

  @Property
  void digitsAtTheEdges(@ForAll("edges") long l) {
    assertThat(NaturalKey.digits(l)).isEqualTo(Long.toString(l).length());
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Long> edges() {
    return net.jqwik.api.Arbitraries.of(
        Long.MIN_VALUE, Long.MIN_VALUE + 1, -10L, -9L, -1L, 0L, 9L, 10L, 99L, 100L, Long.MAX_VALUE);
  }
}
