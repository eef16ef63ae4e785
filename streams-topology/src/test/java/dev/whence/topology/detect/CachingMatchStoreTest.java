package dev.whence.topology.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.detect.KeyValueMatchStore;
import dev.whence.graph.detect.PartialMatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CachingMatchStoreTest {

  private static PartialMatch match(String alertId) {
    return new PartialMatch("rule", 1, alertId, 1, -1, "host-1", 10L, 10L, 1_000L, List.of());
  }

  /**
   * Whatever the order of writes, flushes and reads, and however small the cache, a read returns
   * the last list written under the key.
   */
  @Property(tries = 300)
  void readsReturnTheLastListWritten(
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 399) Integer> ops,
      @ForAll @IntRange(min = 1, max = 8) int capacity) {
    KeyValueMatchStore store = KeyValueMatchStore.inMemory();
    store.put("k3", List.of(match("before")));
    CachingMatchStore cache = new CachingMatchStore(store, capacity, 100);
    Map<String, List<PartialMatch>> model = new HashMap<>();
    model.put("k3", List.of(match("before")));
    for (int op : ops) {
      String key = "k" + (op % 10);
      switch (op / 100) {
        case 0 -> {
          List<PartialMatch> list = List.of(match("m" + op));
          cache.put(key, list);
          model.put(key, list);
        }
        case 1 -> {
          cache.put(key, List.of());
          model.remove(key);
        }
        case 2 -> cache.writeDirty();
        default -> assertThat(cache.get(key)).isEqualTo(model.getOrDefault(key, List.of()));
      }
    }
    for (int k = 0; k < 10; k++) {
      assertThat(cache.get("k" + k)).isEqualTo(model.getOrDefault("k" + k, List.of()));
    }
  }
}
