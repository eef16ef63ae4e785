package dev.whence.graph.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class AttributeMapsTest {

  @Property(tries = 300)
  void aSortedMapEqualsItsSourceAndIteratesInKeyOrder(@ForAll Map<String, String> source) {
    Map<String, String> sorted = AttributeMaps.sorted(source);

    assertThat(sorted).isEqualTo(source);
    List<String> keys = new ArrayList<>(sorted.keySet());
    assertThat(keys).isSorted();
    assertThat(AttributeMaps.sorted(sorted)).isSameAs(sorted);
  }

  @Property(tries = 300)
  void theBuilderKeepsTheLastValueOfEachNameInNameOrder(
      @ForAll List<@StringLength(max = 3) String> names, @ForAll List<Long> values) {
    Attributes built = new Attributes();
    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < names.size(); i++) {
      Long value = i < values.size() && i % 3 != 0 ? values.get(i) : null;
      built.put(names.get(i), value);
      if (value != null) {
        expected.put(names.get(i), value.toString());
      }
    }

    Map<String, String> map = built.build();
    assertThat(map).isEqualTo(expected);
    assertThat(new ArrayList<>(map.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
  }

  @Property(tries = 100)
  void anEdgeKeepsItsAttributesInKeyOrderWhateverTheOrderTheyWereGivenIn(
      @ForAll Map<String, String> attributes) {
    Map<String, String> given = new HashMap<>(attributes);
    Edge edge = new Edge("e", "ev", "h", Operation.WRITE, "s", "t", "a", 1, 2, given);
    given.clear();

    assertThat(edge.attributes()).isEqualTo(attributes);
    assertThat(new ArrayList<>(edge.attributes().keySet())).isSorted();
  }
}
