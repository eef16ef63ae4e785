package dev.whence.graph.build;

import dev.whence.graph.model.Edge;
import dev.whence.graph.model.Node;
import java.util.List;

/**
 * What one event changed: nodes to upsert (new entities and versions, each id once), edges to
 * append, notes, and either the acting process with its ancestry or the reason for a rejection.
 *
 * @param subject the acting process after the event, or null when rejected or a duplicate
 * @param rejection why the event was refused, or null when it was applied
 */
public record GraphUpdate(
    List<Node> nodes,
    List<Edge> edges,
    List<Note> notes,
    ProcessView subject,
    Rejection rejection) {

  /** Copies lists defensively. */
  public GraphUpdate {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    notes = List.copyOf(notes);
  }

  /** An update refusing the event. */
  public static GraphUpdate rejected(RejectionCode code, String reason) {
    return new GraphUpdate(List.of(), List.of(), List.of(), null, new Rejection(code, reason));
  }

  /** An update that emits nothing, with one note. */
  public static GraphUpdate noted(NoteCode code, String detail) {
    return new GraphUpdate(List.of(), List.of(), List.of(new Note(code, detail)), null, null);
  }

  /** Whether the event was refused. */
  public boolean isRejected() {
    return rejection != null;
  }
}
