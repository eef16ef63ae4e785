package dev.whence.graph.detect;

import dev.whence.graph.build.ProcessView;
import dev.whence.graph.model.Ancestor;
import java.util.List;

/**
 * A process as an alert shows it (Avro {@code AlertProcess}); the cmdline of Avro is {@code argv}
 * joined by spaces.
 *
 * @param ancestors parents and earlier images, nearest first
 */
public record AlertProcess(
    String nodeId,
    int pid,
    String exe,
    List<String> argv,
    Long uid,
    long startNanos,
    List<Ancestor> ancestors) {

  /** Copies lists defensively. */
  public AlertProcess {
    argv = List.copyOf(argv);
    ancestors = List.copyOf(ancestors);
  }

  /** The process of a graph update, with at most {@code maxAncestors} ancestors. */
  public static AlertProcess of(ProcessView p, int maxAncestors) {
    List<Ancestor> ancestors = p.ancestors();
    if (ancestors.size() > maxAncestors) {
      ancestors = ancestors.subList(0, maxAncestors);
    }
    return new AlertProcess(
        p.nodeId(), p.pid(), p.exe(), p.argv(), p.uid(), p.startNanos(), ancestors);
  }
}
