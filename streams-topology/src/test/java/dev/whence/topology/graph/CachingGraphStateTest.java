package dev.whence.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.graph.build.GraphBuilder;
import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.build.GraphUpdate;
import dev.whence.graph.state.GraphState;
import dev.whence.graph.state.KeyValueGraphState;
import dev.whence.graph.state.SortedMapTable;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CachingGraphStateTest {

  private static List<GraphUpdate> run(GraphState state, List<Event> events) {
    GraphBuilder builder = new GraphBuilder(state, GraphConfig.defaults());
    List<GraphUpdate> out = new ArrayList<>();
    for (Event e : events) {
      out.add(builder.apply(EventMapper.toSystemEvent(e)));
    }
    return out;
  }

  private static KeyValueGraphState store() {
    return new KeyValueGraphState(new SortedMapTable(), new SortedMapTable());
  }

  @Property(tries = 20)
  void theCacheNeverChangesWhatTheBuilderEmits(
      @ForAll @IntRange(min = 1, max = 64) int capacity, @ForAll boolean clearHalfway) {
    List<Event> events = dev.whence.topology.GraphScenario.both();
    List<GraphUpdate> plain = run(store(), events);

    KeyValueGraphState backing = store();
    CachingGraphState cached = new CachingGraphState(backing, capacity);
    GraphBuilder builder = new GraphBuilder(cached, GraphConfig.defaults());
    List<GraphUpdate> withCache = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (clearHalfway && i == events.size() / 2) {
        cached.clear();
      }
      withCache.add(builder.apply(EventMapper.toSystemEvent(events.get(i))));
    }
    assertThat(withCache).isEqualTo(plain);
  }

  @Property(tries = 20)
  void writingBehindInAnyBatchesNeverChangesWhatTheBuilderEmits(
      @ForAll @IntRange(min = 1, max = 64) int capacity,
      @ForAll @IntRange(min = 1, max = 16) int maxDirty,
      @ForAll @IntRange(min = 1, max = 40) int writeEvery) {
    List<Event> events = dev.whence.topology.GraphScenario.both();
    List<GraphUpdate> plain = run(store(), events);

    CachingGraphState cached = new CachingGraphState(store(), capacity, maxDirty);
    GraphBuilder builder = new GraphBuilder(cached, GraphConfig.defaults());
    List<GraphUpdate> behind = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      behind.add(builder.apply(EventMapper.toSystemEvent(events.get(i))));
      if (i % writeEvery == 0) {
        cached.writeDirty();
      }
    }
    assertThat(behind).isEqualTo(plain);
  }

  @Test
  void dirtyEntriesReachTheStoreOnlyWhenWrittenAndDiscardDropsThem() {
    List<Event> events = dev.whence.topology.GraphScenario.both();
    KeyValueGraphState dropped = store();
    CachingGraphState discarding = new CachingGraphState(dropped, 1000);
    GraphBuilder lost = new GraphBuilder(discarding, GraphConfig.defaults());
    lost.apply(EventMapper.toSystemEvent(events.get(0)));
    assertThat(lost.process("web-1", 100)).isPresent();
    assertThat(discarding.dirtyKeys()).isPositive();
    discarding.discard();
    assertThat(new GraphBuilder(dropped, GraphConfig.defaults()).process("web-1", 100))
        .as("the exec was not written behind before the discard")
        .isEmpty();

    KeyValueGraphState backing = store();
    CachingGraphState cached = new CachingGraphState(backing, 1000);
    GraphBuilder builder = new GraphBuilder(cached, GraphConfig.defaults());
    for (Event e : events) {
      builder.apply(EventMapper.toSystemEvent(e));
    }
    cached.writeDirty();
    assertThat(cached.dirtyKeys()).isZero();
    GraphBuilder fresh = new GraphBuilder(backing, GraphConfig.defaults());
    assertThat(fresh.process("web-1", 100)).isEqualTo(builder.process("web-1", 100));
    assertThat(cached.hits()).isPositive();
    assertThat(fresh.apply(EventMapper.toSystemEvent(events.get(0))).notes())
        .as("the store alone knows the event was applied")
        .anyMatch(n -> n.code().name().equals("DUPLICATE_EVENT"));
  }
}
