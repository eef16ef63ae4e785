package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class LongHashSetTest {

  @Property(tries = 300)
  void behavesLikeASetOfLongs(
      @ForAll @Size(max = 300) List<@LongRange(min = -40, max = 40) Long> small,
      @ForAll @Size(max = 50) List<Long> any) {
    LongHashSet set = new LongHashSet(4);
    Set<Long> expected = new HashSet<>();
    int step = 0;
    for (List<Long> values : List.of(small, any)) {
      for (long v : values) {
        long value = v == 40 ? Long.MIN_VALUE : v;
        if (++step % 97 == 0) {
          set.clear();
          expected.clear();
        }
        assertThat(set.contains(value)).isEqualTo(expected.contains(value));
        set.add(value);
        expected.add(value);
        assertThat(set.contains(value)).isTrue();
        assertThat(set.size()).isEqualTo(expected.size());
      }
    }
    for (long probe = -50; probe <= 50; probe++) {
      assertThat(set.contains(probe)).isEqualTo(expected.contains(probe));
    }
  }
}
