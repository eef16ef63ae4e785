package dev.whence.graph.build;

import dev.whence.graph.model.Ancestor;
import java.util.List;

/**
 * A process as detection and alerts show it: its current image and inline ancestry (parents and
 * earlier images, nearest first), available without a graph walk.
 */
public record ProcessView(
    String nodeId,
    String entityId,
    String host,
    int pid,
    String exe,
    List<String> argv,
    Long uid,
    Long euid,
    long startNanos,
    List<Ancestor> ancestors) {

  /** Copies lists defensively. */
  public ProcessView {
    argv = List.copyOf(argv);
    ancestors = List.copyOf(ancestors);
  }
}
