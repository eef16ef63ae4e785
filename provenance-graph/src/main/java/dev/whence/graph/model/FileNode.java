package dev.whence.graph.model;

import java.util.Map;

/**
 * One version of a file (or directory, device, symlink). The entity is (host, device, inode), or
 * (host, path) when the inode is unknown; a write, truncation, attribute change, rename or link
 * creates the next version.
 *
 * @param path the name by which this version was reached, untrusted
 * @param originEventId id of the event that created this version
 */
public record FileNode(
    String id,
    String entityId,
    String host,
    int version,
    String path,
    String device,
    Long inode,
    ObjectKind objectKind,
    String originEventId,
    long firstSeenNanos)
    implements Node {

  @Override
  public NodeKind kind() {
    return NodeKind.FILE;
  }

  @Override
  public String name() {
    return path;
  }

  @Override
  public Map<String, String> attributes() {
    return new Attributes()
        .put("path", path)
        .put("device", device)
        .put("inode", inode)
        .put("objectKind", objectKind)
        .put("originEventId", originEventId)
        .build();
  }
}
