package dev.whence.graph.detect;

import dev.whence.graph.build.GraphBuilder;
import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.build.GraphUpdate;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.InMemoryGraphState;
import java.util.ArrayList;
import java.util.List;

/** A graph builder and a detector over in-memory state, fed event by event. */
final class Harness {
  final GraphBuilder builder = new GraphBuilder(new InMemoryGraphState(), GraphConfig.defaults());
  final KeyValueMatchStore store = KeyValueMatchStore.inMemory();
  final Detector detector;
  final List<AlertUpdate> alerts = new ArrayList<>();

  Harness(DetectorConfig config, Rule... rules) {
    detector = new Detector(List.of(rules), store, config);
  }

  Harness(Rule... rules) {
    this(DetectorConfig.defaults(), rules);
  }

  List<AlertUpdate> feed(SystemEvent... events) {
    List<AlertUpdate> out = new ArrayList<>();
    for (SystemEvent e : events) {
      GraphUpdate u = builder.apply(e);
      out.addAll(detector.apply(e, u));
    }
    alerts.addAll(out);
    return out;
  }
}
