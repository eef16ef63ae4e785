package dev.whence.graph.model;

import java.util.List;
import java.util.Map;

/**
 * One image of a process. The entity is (host, boot, pid, start sequence); a new version starts at
 * each exec and at each change of user ids. Strings are untrusted and already bounded in length.
 *
 * @param startSequence sequence of the event that created the process (fork, or first sighting)
 * @param firstSeenNanos event time at which this image started
 */
public record ProcessNode(
    String id,
    String entityId,
    String host,
    String boot,
    int pid,
    long startSequence,
    int version,
    Integer ppid,
    Long uid,
    Long euid,
    Long auid,
    Long gid,
    String comm,
    String exe,
    List<String> argv,
    String cwd,
    long firstSeenNanos)
    implements Node {

  /** Copies argv defensively. */
  public ProcessNode {
    argv = argv == null ? List.of() : List.copyOf(argv);
  }

  @Override
  public NodeKind kind() {
    return NodeKind.PROCESS;
  }

  @Override
  public String name() {
    return exe != null ? exe : comm;
  }

  @Override
  public Map<String, String> attributes() {
    return new Attributes()
        .put("boot", boot)
        .put("pid", pid)
        .put("startSequence", startSequence)
        .put("ppid", ppid)
        .put("uid", uid)
        .put("euid", euid)
        .put("auid", auid)
        .put("gid", gid)
        .put("comm", comm)
        .put("exe", exe)
        .put("cmdline", argv)
        .put("cwd", cwd)
        .build();
  }
}
