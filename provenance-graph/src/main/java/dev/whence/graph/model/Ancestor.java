package dev.whence.graph.model;

import java.util.List;

/**
 * One ancestor of a process (a parent, or an earlier image of the same process replaced by exec),
 * kept inline with the process so that an alert shows the chain without a graph walk.
 *
 * @param nodeId graph node id of that image
 * @param startNanos event time at which that image started
 */
public record Ancestor(
    String nodeId, int pid, String exe, List<String> argv, Long uid, long startNanos) {

  /** Copies argv defensively. */
  public Ancestor {
    argv = argv == null ? List.of() : List.copyOf(argv);
  }
}
