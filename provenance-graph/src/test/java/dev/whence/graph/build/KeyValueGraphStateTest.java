package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.graph.build.RandomTraces.Action;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.DedupKey;
import dev.whence.graph.state.Expiry;
import dev.whence.graph.state.InMemoryGraphState;
import dev.whence.graph.state.KeyValueGraphState;
import dev.whence.graph.state.ProcessKey;
import dev.whence.graph.state.SortedMapTable;
import dev.whence.graph.state.StateCodec;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The byte-backed state behaves exactly like the in-memory one, so the codec loses nothing. */
class KeyValueGraphStateTest {

  @Provide
  Arbitrary<List<Action>> traces() {
    return RandomTraces.actions(80);
  }

  @Property(tries = 500)
  void theIndexKeyStartsWithTheDueTimeAsSixteenSortableHexDigits(@ForAll long due) {
    assertThat(KeyValueGraphState.indexKey(new Expiry(due, new ProcessKey("h", 1))))
        .startsWith(String.format("%016x", due ^ Long.MIN_VALUE));
  }

  @Property(tries = 300)
  void aByteBackedStateGivesTheSameUpdatesAsTheInMemoryOne(@ForAll("traces") List<Action> actions) {
    SortedMapTable entries = new SortedMapTable();
    SortedMapTable index = new SortedMapTable();
    GraphBuilder bytes =
        new GraphBuilder(new KeyValueGraphState(entries, index), GraphConfig.defaults());
    GraphBuilder memory = new GraphBuilder(new InMemoryGraphState(), GraphConfig.defaults());
    List<SystemEvent> events = RandomTraces.events("host-a", actions);

    for (SystemEvent e : events) {
      assertThat(bytes.apply(e)).isEqualTo(memory.apply(e));
    }
    long later = events.isEmpty() ? 0 : events.get(events.size() - 1).timestampNanos() + 1;
    assertThat(bytes.expire(later + 3_600_000_000_000L))
        .isEqualTo(memory.expire(later + 3_600_000_000_000L));
    assertThat(bytes.expire(Long.MAX_VALUE)).isEqualTo(memory.expire(Long.MAX_VALUE));
    assertThat(entries.size()).isZero();
    assertThat(index.size()).isZero();
  }

  @Property(tries = 300)
  void anIndexRebuiltFromTheEntriesAgesStateOutAsTheOriginalDoes(
      @ForAll("traces") List<Action> actions) {
    List<SystemEvent> events = RandomTraces.events("host-a", actions);
    SortedMapTable keptEntries = new SortedMapTable();
    SortedMapTable lostEntries = new SortedMapTable();
    GraphBuilder kept =
        new GraphBuilder(
            new KeyValueGraphState(keptEntries, new SortedMapTable()), GraphConfig.defaults());
    GraphBuilder lost =
        new GraphBuilder(
            new KeyValueGraphState(lostEntries, new SortedMapTable()), GraphConfig.defaults());
    int half = events.size() / 2;
    for (SystemEvent e : events.subList(0, half)) {
      kept.apply(e);
      lost.apply(e);
    }

    SortedMapTable rebuiltIndex = new SortedMapTable();
    KeyValueGraphState restarted = new KeyValueGraphState(lostEntries, rebuiltIndex);
    int written = restarted.rebuildExpiryIndex();
    GraphBuilder resumed = new GraphBuilder(restarted, GraphConfig.defaults());

    assertThat(written).isEqualTo(rebuiltIndex.size());
    for (SystemEvent e : events.subList(half, events.size())) {
      assertThat(resumed.apply(e)).isEqualTo(kept.apply(e));
    }
    long later = events.isEmpty() ? 0 : events.get(events.size() - 1).timestampNanos() + 1;
    assertThat(removedByKind(resumed.expire(later + 3_600_000_000_000L)))
        .isEqualTo(removedByKind(kept.expire(later + 3_600_000_000_000L)));
    resumed.expire(Long.MAX_VALUE);
    assertThat(lostEntries.size()).isZero();
    assertThat(rebuiltIndex.size()).isZero();
  }

  private static List<Integer> removedByKind(ExpiryReport r) {
    return List.of(r.processes(), r.descriptors(), r.files(), r.aliases(), r.dedupWindows());
  }

  @Test
  void theExpiryIndexIsOrderedByTimeIncludingNegativeTimes() {
    String early = KeyValueGraphState.indexKey(new Expiry(-5, new ProcessKey("h", 1)));
    String middle = KeyValueGraphState.indexKey(new Expiry(3, new ProcessKey("h", 1)));
    String late = KeyValueGraphState.indexKey(new Expiry(1L << 60, new ProcessKey("h", 1)));

    assertThat(List.of(late, early, middle).stream().sorted()).containsExactly(early, middle, late);
  }

  @Test
  void takeDueReturnsOnlyWhatIsDueAndRemovesIt() {
    KeyValueGraphState state = new KeyValueGraphState(new SortedMapTable(), new SortedMapTable());
    state.schedule(new Expiry(10, new ProcessKey("h", 1)));
    state.schedule(new Expiry(20, new DedupKey("h", "b")));

    assertThat(state.takeDue(10, 10)).containsExactly(new Expiry(10, new ProcessKey("h", 1)));
    assertThat(state.takeDue(15, 10)).isEmpty();
    assertThat(state.takeDue(25, 10)).containsExactly(new Expiry(20, new DedupKey("h", "b")));
  }

  @Test
  void corruptValuesAreRefusedWithAReason() {
    byte[] good = StateCodec.encode(new ProcessKey("h", 1));
    byte[] otherFormat = good.clone();
    otherFormat[0] = 9;

    assertThatThrownBy(() -> StateCodec.decodeKey(otherFormat)).hasMessageContaining("format 9");
    assertThatThrownBy(() -> StateCodec.decodeKey(new byte[] {StateCodec.FORMAT, 1, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
    assertThat(StateCodec.decodeKey(good)).isEqualTo(new ProcessKey("h", 1));
  }
}
