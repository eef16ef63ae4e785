package dev.whence.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.topology.graph.GraphSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The order in which independent hosts' events arrive does not change the graph, nor does the size
 * of the cache of decoded state in front of the stores.
 */
class GraphOrderPropertiesTest {

  private static Map<String, String> referenceNodes;
  private static List<String> referenceEdges;

  @BeforeContainer
  static void reference() {
    try (GraphHarness g = new GraphHarness().pipe(GraphScenario.both())) {
      referenceNodes = g.nodeView();
      referenceEdges = g.edgeSet();
    }
  }

  @Property(tries = 12)
  void anyInterleavingOfTwoHostsGivesTheSameCompactedGraph(@ForAll long seed) {
    List<Event> mixed =
        interleave(GraphScenario.client(), GraphScenario.server(), new Random(seed));
    try (GraphHarness g = new GraphHarness().pipe(mixed)) {
      assertThat(g.nodeView()).isEqualTo(referenceNodes);
      assertThat(g.edgeSet()).isEqualTo(referenceEdges);
    }
  }

  @Property(tries = 6)
  void theCacheSizeDoesNotChangeTheGraph(@ForAll long seed) {
    List<Event> mixed =
        interleave(GraphScenario.client(), GraphScenario.server(), new Random(seed));
    int entries = 1 + (int) Math.floorMod(seed, 4L);
    try (GraphHarness g =
        new GraphHarness(GraphSettings.defaults().withCacheEntries(entries)).pipe(mixed)) {
      assertThat(g.nodeView()).isEqualTo(referenceNodes);
      assertThat(g.edgeSet()).isEqualTo(referenceEdges);
    }
  }

  /** A random merge of two sequences that keeps each one's own order. */
  static List<Event> interleave(List<Event> a, List<Event> b, Random random) {
    List<Event> out = new ArrayList<>(a.size() + b.size());
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      boolean takeA = j >= b.size() || (i < a.size() && random.nextBoolean());
      out.add(takeA ? a.get(i++) : b.get(j++));
    }
    return out;
  }
}
