package dev.whence.topology.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class WriteBehindStoreTest {

  private static WriteBehindStore<Long> store(String orderedFirstChars) {
    WriteBehindStore<Long> store =
        new WriteBehindStore<>(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore("test"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled()
                .build(),
            8,
            orderedFirstChars);
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }

  @Test
  void scansWithinTheOrderedTablesSeeDirtyAndWrittenKeys() {
    WriteBehindStore<Long> store = store("d");
    store.write("d|1#a", 1L);
    store.write("p|1", 2L);
    store.flushCache();
    store.write("d|1#b", 3L);
    store.remove("d|1#a");
    store.write("d|2#a", 4L);

    assertThat(store.scanPrefix("d|1#")).containsExactly(KeyValue.pair("d|1#b", 3L));
    assertThat(store.scanRange("d|1", "d|3", 10))
        .containsExactly(KeyValue.pair("d|1#b", 3L), KeyValue.pair("d|2#a", 4L));
    assertThat(store.read("p|1")).isEqualTo(2L);
    assertThat(store.read("d|1#a")).isNull();
  }

  @Test
  void scannedTablesComeBackFromThePersistentStoreAfterDirtyWritesAreDropped() {
    KeyValueStore<String, Long> inner =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("shared"), Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
    WriteBehindStore<Long> store = new WriteBehindStore<>(inner, 8, "d");
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    store.write("d|1#a", 1L);
    store.flushCache();
    store.write("d|1#b", 2L);
    store.remove("d|1#a");
    assertThat(store.scanPrefix("d|")).containsExactly(KeyValue.pair("d|1#b", 2L));

    store.clearCache();
    assertThat(store.scanPrefix("d|")).containsExactly(KeyValue.pair("d|1#a", 1L));

    WriteBehindStore<Long> reopened = new WriteBehindStore<>(inner, 8, "d");
    inner.put("d|2#a", 3L);
    assertThat(reopened.scanPrefix("d|"))
        .containsExactly(KeyValue.pair("d|1#a", 1L), KeyValue.pair("d|2#a", 3L));
  }

  @Test
  void aResidentKeyRemovedBeforeItWasEverWrittenLeavesNoTombstone() {
    KeyValueStore<String, Long> inner =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("born-and-gone"), Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
    WriteBehindStore<Long> store = new WriteBehindStore<>(inner, 8, "d");
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    store.write("d|1#kept", 1L);
    store.flushCache();

    store.write("d|1#brief", 2L);
    store.write("d|1#brief", 3L);
    store.remove("d|1#brief");
    store.remove("d|1#kept");
    store.write("d|1#again", 4L);
    store.remove("d|1#again");
    store.write("d|1#again", 5L);
    store.write("p|1", 6L);
    store.remove("p|1");

    assertThat(store.elidedRemovals()).isEqualTo(2);
    assertThat(store.dirtyKeys())
        .as("kept's tombstone, again, and p|1 outside the tables")
        .isEqualTo(3);
    assertThat(store.read("d|1#brief")).isNull();
    assertThat(store.scanPrefix("d|1#")).containsExactly(KeyValue.pair("d|1#again", 5L));
    store.flushCache();
    assertThat(store.flushedKeys()).isEqualTo(4);
    assertThat(inner.get("d|1#kept")).isNull();
    assertThat(inner.get("d|1#again")).isEqualTo(5L);
  }

  @Test
  void aStoredKeyRemovedWrittenAndRemovedAgainWithinOneCommitKeepsItsTombstone() {
    KeyValueStore<String, Long> inner =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("back-and-gone"), Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
    WriteBehindStore<Long> store = new WriteBehindStore<>(inner, 8, "d");
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    store.write("d|1#stored", 1L);
    store.flushCache();

    store.remove("d|1#stored");
    store.write("d|1#stored", 2L);
    store.remove("d|1#stored");

    assertThat(store.elidedRemovals()).isZero();
    assertThat(store.read("d|1#stored")).isNull();
    store.flushCache();
    assertThat(inner.get("d|1#stored")).isNull();
  }

  @Test
  void refusesScansOutsideTheOrderedTables() {
    WriteBehindStore<Long> store = store("d");
    assertThatThrownBy(() -> store.scanPrefix("p|"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot scan from 'p|'");
    assertThatThrownBy(() -> store.scanRange("d|1", "e", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store("").scanPrefix("d|"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** What a step of the property does after its write. */
  enum Then {
    NOTHING,
    FLUSH,
    SCAN
  }

  @Provide
  Arbitrary<List<Tuple3<String, Long, Then>>> operations() {
    Arbitrary<String> keys =
        Arbitraries.of("d", "p", "x")
            .flatMap(
                table ->
                    Arbitraries.of("a", "b", "\uD83D\uDE00", "\uE000", "\u00e9", "#", "|")
                        .list()
                        .ofMaxSize(4)
                        .map(parts -> table + "|" + String.join("", parts)));
    Arbitrary<Long> values = Arbitraries.longs().between(0, 1000).injectNull(0.2);
    Arbitrary<Then> then =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(Then.NOTHING)),
            Tuple.of(2, Arbitraries.just(Then.FLUSH)),
            Tuple.of(2, Arbitraries.just(Then.SCAN)));
    return keys.flatMap(k -> values.flatMap(v -> then.map(t -> Tuple.of(k, v, t))))
        .list()
        .ofMaxSize(60);
  }

  /**
   * Writes, flushes (early writes included: the stores hold 8 dirty keys) and scans in any order:
   * every scan and read sees what a sorted map would hold, in every-key mode (whose sorted copy of
   * the dirty set is made at a scan and kept up to date until the next flush) as in resident mode.
   */
  @Property(tries = 300)
  void anyTablesOrderedGiveTheSameReadsAndScansAsAllKeysOrdered(
      @ForAll("operations") List<Tuple3<String, Long, Then>> operations) {
    WriteBehindStore<Long> all = store(null);
    WriteBehindStore<Long> some = store("d");
    TreeMap<String, Long> model = new TreeMap<>(new Utf8Order());
    for (Tuple3<String, Long, Then> op : operations) {
      for (WriteBehindStore<Long> s : List.of(all, some)) {
        s.write(op.get1(), op.get2());
        if (op.get3() == Then.FLUSH) {
          s.flushCache();
        }
      }
      if (op.get2() == null) {
        model.remove(op.get1());
      } else {
        model.put(op.get1(), op.get2());
      }
      if (op.get3() == Then.SCAN) {
        assertScansMatch(model, all, some);
      }
    }
    for (String key : model.keySet()) {
      assertThat(some.read(key)).isEqualTo(model.get(key)).isEqualTo(all.read(key));
    }
    assertScansMatch(model, all, some);
    some.flushCache();
    all.flushCache();
    assertThat(persisted(some))
        .as("what reached the store")
        .isEqualTo(model)
        .isEqualTo(persisted(all));
  }

  private static void assertScansMatch(
      TreeMap<String, Long> model, WriteBehindStore<Long> all, WriteBehindStore<Long> some) {
    List<KeyValue<String, Long>> prefixed = new ArrayList<>();
    for (Map.Entry<String, Long> e : model.entrySet()) {
      if (e.getKey().startsWith("d|")) {
        prefixed.add(KeyValue.pair(e.getKey(), e.getValue()));
      }
    }
    assertThat(some.scanPrefix("d|")).isEqualTo(prefixed).isEqualTo(all.scanPrefix("d|"));
    List<KeyValue<String, Long>> ranged = new ArrayList<>();
    for (Map.Entry<String, Long> e : model.subMap("d|a", true, "d|\ue000", true).entrySet()) {
      ranged.add(KeyValue.pair(e.getKey(), e.getValue()));
    }
    assertThat(some.scanRange("d|a", "d|\ue000", 1000))
        .isEqualTo(ranged)
        .isEqualTo(all.scanRange("d|a", "d|\ue000", 1000));
    List<KeyValue<String, Long>> firstTwo = ranged.subList(0, Math.min(2, ranged.size()));
    assertThat(some.scanRange("d|a", "d|\ue000", 2))
        .isEqualTo(firstTwo)
        .isEqualTo(all.scanRange("d|a", "d|\ue000", 2));
  }

  private static Map<String, Long> persisted(WriteBehindStore<Long> store) {
    Map<String, Long> out = new TreeMap<>(new Utf8Order());
    try (var it = store.all()) {
      it.forEachRemaining(kv -> out.put(kv.key, kv.value));
    }
    return out;
  }
}
