package dev.whence.topology.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.detect.KeyValueMatchStore;
import dev.whence.graph.detect.MatchStore;
import dev.whence.graph.detect.PartialMatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CachingMatchStoreTest {

  /** The underlying store, counting its reads. */
  private static final class CountingStore implements MatchStore {
    final KeyValueMatchStore inner = KeyValueMatchStore.inMemory();
    int reads;

    @Override
    public List<PartialMatch> get(String key) {
      reads++;
      return inner.get(key);
    }

    @Override
    public void put(String key, List<PartialMatch> matches) {
      inner.put(key, matches);
    }

    @Override
    public List<String> keysDueBy(long nanos, int max) {
      return inner.keysDueBy(nanos, max);
    }
  }

  private static PartialMatch match(String alertId) {
    return new PartialMatch("rule", 1, alertId, 1, -1, "host-1", 10L, 10L, 1_000L, List.of());
  }

  private static CachingMatchStore cacheOver(CountingStore store, int capacity) {
    return new CachingMatchStore(store, store.inner::forEachKey, capacity, 100);
  }

  @Test
  void aKeyThatNeverHeldMatchesIsAnsweredWithoutReadingTheStore() {
    CountingStore store = new CountingStore();
    CachingMatchStore cache = cacheOver(store, 10);

    assertThat(cache.get("node-a")).isEmpty();
    assertThat(store.reads).isZero();
    assertThat(cache.skippedReads()).isEqualTo(1);
  }

  @Test
  void keysTheStoreHeldWhenTheCacheWasMadeAreReadFromIt() {
    CountingStore store = new CountingStore();
    store.put("node-a", List.of(match("a1")));
    CachingMatchStore cache = cacheOver(store, 10);

    assertThat(cache.get("node-a")).containsExactly(match("a1"));
    assertThat(store.reads).isEqualTo(1);
  }

  @Test
  void aKeyGivenMatchesIsReadBackAfterItLeftTheCache() {
    CountingStore store = new CountingStore();
    CachingMatchStore cache = cacheOver(store, 1);
    cache.put("node-a", List.of(match("a1")));
    cache.writeDirty();
    cache.get("node-b");

    assertThat(cache.get("node-a")).containsExactly(match("a1"));
    assertThat(store.reads).isEqualTo(1);
  }

  @Test
  void theKeySetIsReadAgainFromTheStoreWhenItHasDoubled() {
    CountingStore store = new CountingStore();
    CachingMatchStore cache = cacheOver(store, 4);
    for (int i = 0; i < CachingMatchStore.MIN_REREAD; i++) {
      cache.put("gone-" + i, List.of(match("g" + i)));
      cache.put("gone-" + i, List.of());
    }
    cache.put("kept", List.of(match("k")));
    cache.writeDirty();
    for (int i = 0; i < 4; i++) {
      cache.get("other-" + i);
    }
    store.reads = 0;

    assertThat(cache.get("gone-7")).isEmpty();
    assertThat(cache.get("kept")).containsExactly(match("k"));
    assertThat(store.reads).as("only the key the store holds is read").isEqualTo(1);
  }

  /**
   * Whatever the order of writes, flushes and reads, and however small the cache, a read returns
   * the last list written under the key.
   */
  @Property(tries = 300)
  void readsReturnTheLastListWritten(
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 399) Integer> ops,
      @ForAll @IntRange(min = 1, max = 8) int capacity) {
    CountingStore store = new CountingStore();
    store.put("k3", List.of(match("before")));
    CachingMatchStore cache = cacheOver(store, capacity);
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
