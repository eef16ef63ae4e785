package dev.whence.graph.build;

import dev.whence.graph.identity.NodeIds;
import dev.whence.graph.model.Attributes;
import dev.whence.graph.model.Edge;
import dev.whence.graph.model.Node;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.SystemEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what one event emits; edge ids follow the order in which edges are added. An event emits
 * a few nodes at most, so they are kept in a list (each id once) rather than a map, and notes,
 * which few events have, in a list made on the first.
 */
final class UpdateSink {
  private final SystemEvent event;
  private final List<Node> nodes = new ArrayList<>(4);
  private final List<Edge> edges = new ArrayList<>(4);
  private List<Note> notes;
  private Map<String, String> eventAttributes;

  UpdateSink(SystemEvent event) {
    this.event = event;
  }

  void node(Node node) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).id().equals(node.id())) {
        return;
      }
    }
    nodes.add(node);
  }

  void edge(Operation operation, String source, String target, String actor) {
    edge(operation, source, target, actor, Map.of());
  }

  void edge(
      Operation operation, String source, String target, String actor, Map<String, String> extra) {
    if (source.equals(target)) {
      note(NoteCode.SELF_LOOP, operation + " from a node to itself");
      return;
    }
    Map<String, String> attributes = eventAttributes();
    if (!extra.isEmpty()) {
      Map<String, String> merged = new HashMap<>(attributes);
      merged.putAll(extra);
      attributes = merged;
    }
    String id = NodeIds.edge(event.eventId(), edges.size());
    edges.add(
        new Edge(
            id,
            event.eventId(),
            event.host(),
            operation,
            source,
            target,
            actor,
            event.timestampNanos(),
            event.sequence(),
            attributes));
  }

  /** Size, flags and return value of the event, as every edge of it carries them; built once. */
  private Map<String, String> eventAttributes() {
    if (eventAttributes == null) {
      eventAttributes =
          new Attributes()
              .put("size", event.size())
              .put("flags", event.flags())
              .put("returnValue", event.returnValue())
              .build();
    }
    return eventAttributes;
  }

  void note(NoteCode code, String detail) {
    if (notes == null) {
      notes = new ArrayList<>(2);
    }
    notes.add(new Note(code, detail));
  }

  GraphUpdate build(ProcessView subject) {
    return new GraphUpdate(nodes, edges, notes == null ? List.of() : notes, subject, null);
  }
}
