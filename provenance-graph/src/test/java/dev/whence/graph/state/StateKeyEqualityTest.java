package dev.whence.graph.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The state keys, map keys of every cache, are equal exactly when their components are. */
class StateKeyEqualityTest {

  @Property(tries = 500)
  void keysAreEqualExactlyWhenTheirComponentsAre(
      @ForAll("texts") String host1,
      @ForAll("texts") String host2,
      @ForAll("texts") String text1,
      @ForAll("texts") String text2,
      @ForAll("small") int n1,
      @ForAll("small") int n2) {
    boolean hosts = host1 == null ? host2 == null : host1.equals(host2);
    boolean texts = text1 == null ? text2 == null : text1.equals(text2);
    check(new ProcessKey(host1, n1), new ProcessKey(host2, n2), hosts && n1 == n2);
    check(new FileKey(host1, text1), new FileKey(host2, text2), hosts && texts);
    check(new AliasKey(host1, text1), new AliasKey(host2, text2), hosts && texts);
    check(new DedupKey(host1, text1), new DedupKey(host2, text2), hosts && texts);
    check(
        new DescriptorKey(host1, n1, n2),
        new DescriptorKey(host2, n1, n2 + (texts ? 0 : 1)),
        hosts && texts);
    check(new DescriptorKey(host1, n1, n2), new DescriptorKey(host1, n2, n1), n1 == n2);
  }

  @Property(tries = 50)
  void keysOfDifferentTablesAreNeverEqual(@ForAll("texts") String host) {
    List<StateKey> keys =
        List.of(
            new ProcessKey(host, 1),
            new FileKey(host, "1"),
            new AliasKey(host, "1"),
            new DedupKey(host, "1"),
            new DescriptorKey(host, 1, 1));
    for (StateKey a : keys) {
      for (StateKey b : keys) {
        assertThat(a.equals(b)).isEqualTo(a == b);
      }
    }
  }

  private static void check(Object a, Object b, boolean equal) {
    assertThat(a.equals(b)).isEqualTo(equal);
    assertThat(b.equals(a)).isEqualTo(equal);
    assertThat(a).isEqualTo(a).isNotEqualTo(null);
    if (equal) {
      assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of("web-1", "web-2", "/etc/passwd", "").injectNull(0.1);
  }

  @Provide
  Arbitrary<Integer> small() {
    return Arbitraries.integers().between(-2, 3);
  }
}
