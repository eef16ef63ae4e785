package dev.whence.graph.model;

import java.util.Map;

/** An anonymous pipe, identified by (host, boot, sequence of the pipe() event). */
public record PipeNode(
    String id, String host, String boot, long creationSequence, int creatorPid, long firstSeenNanos)
    implements Node {

  @Override
  public String entityId() {
    return id;
  }

  @Override
  public NodeKind kind() {
    return NodeKind.PIPE;
  }

  @Override
  public int version() {
    return 0;
  }

  @Override
  public String name() {
    return "pipe:" + creationSequence;
  }

  @Override
  public Map<String, String> attributes() {
    return new Attributes()
        .put("boot", boot)
        .put("creationSequence", creationSequence)
        .put("creatorPid", creatorPid)
        .build();
  }
}
