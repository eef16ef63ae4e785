package dev.whence.graph.state;

import java.util.List;

/**
 * The current image (version) of a process: what exec and privilege changes replace.
 *
 * @param nodeId graph node id of this version
 * @param startNanos event time at which this image started
 */
public record ProcessImage(
    int version,
    String nodeId,
    Long uid,
    Long euid,
    Long auid,
    Long gid,
    String comm,
    String exe,
    List<String> argv,
    String cwd,
    long startNanos) {

  /** Copies argv defensively. */
  public ProcessImage {
    argv = argv == null ? List.of() : List.copyOf(argv);
  }
}
