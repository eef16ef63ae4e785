package dev.whence.graph.identity;

import java.util.UUID;

/**
 * Node, entity and edge ids: UUID v5 of natural keys in the Whence graph namespace. Every method is
 * a pure function of its arguments, so replays and other instances compute the same ids.
 */
public final class NodeIds {

  /** Namespace of Whence graph ids (a fixed random UUID). */
  public static final UUID NAMESPACE = UUID.fromString("b1f3a7c2-52d4-4e0b-8c6e-3d9a0f4e7a21");

  private NodeIds() {}

  /** Entity id of the process (host, boot, pid, start sequence). */
  public static String processEntity(String host, String boot, int pid, long startSequence) {
    return NaturalKeyBytes.start("process")
        .part(host)
        .part(boot)
        .part(pid)
        .part(startSequence)
        .id(NAMESPACE);
  }

  /** Node id of one image (version) of a process entity. */
  public static String processVersion(String processEntityId, int version) {
    return NaturalKeyBytes.start("process-version")
        .part(processEntityId)
        .part(version)
        .id(NAMESPACE);
  }

  /** Entity id of a file known by device and inode. */
  public static String fileByInode(String host, String device, long inode) {
    return NaturalKeyBytes.start("file-inode").part(host).part(device).part(inode).id(NAMESPACE);
  }

  /** Entity id of a file known by path only. */
  public static String fileByPath(String host, String path) {
    return NaturalKeyBytes.start("file-path").part(host).part(path).id(NAMESPACE);
  }

  /**
   * Entity id of a file known by path only, created at a name whose plain path key still belongs to
   * a file renamed away from it: the new file must not share that file's identity.
   */
  public static String fileByPath(String host, String path, String originEventId) {
    return NaturalKeyBytes.start("file-path")
        .part(host)
        .part(path)
        .part(originEventId)
        .id(NAMESPACE);
  }

  /**
   * Node id of one version of a file entity. The creating event is part of the key, so a version
   * counter restarted after its state aged out can never reuse the id of an older version.
   */
  public static String fileVersion(String fileEntityId, int version, String originEventId) {
    return NaturalKeyBytes.start("file-version")
        .part(fileEntityId)
        .part(version)
        .part(originEventId)
        .id(NAMESPACE);
  }

  /** Node id of a network flow. */
  public static String flow(FlowKey key) {
    return NaturalKeyBytes.start("flow")
        .part(key.scope())
        .part(key.scopeName())
        .part(key.protocol())
        .part(key.low())
        .part(key.high())
        .id(NAMESPACE);
  }

  /** Node id of the pipe created by the event with this sequence. */
  public static String pipe(String host, String boot, long creationSequence) {
    return NaturalKeyBytes.start("pipe").part(host).part(boot).part(creationSequence).id(NAMESPACE);
  }

  /** Node id of a socket named by an address (unix path). */
  public static String namedSocket(String host, String family, String address) {
    return NaturalKeyBytes.start("socket-named")
        .part(host)
        .part(family)
        .part(address)
        .id(NAMESPACE);
  }

  /** Node id of an anonymous socket created by the event with this sequence. */
  public static String anonymousSocket(String host, String boot, long creationSequence, int fd) {
    return NaturalKeyBytes.start("socket-anon")
        .part(host)
        .part(boot)
        .part(creationSequence)
        .part(fd)
        .id(NAMESPACE);
  }

  /** Node id of a principal (user id) on a host. */
  public static String principal(String host, long uid) {
    return NaturalKeyBytes.start("principal").part(host).part(uid).id(NAMESPACE);
  }

  /** Node id of a host. */
  public static String host(String host) {
    return NaturalKeyBytes.start("host").part(host).id(NAMESPACE);
  }

  /** Node id of a kernel module in one boot of a host. */
  public static String module(String host, String boot, String name) {
    return NaturalKeyBytes.start("module").part(host).part(boot).part(name).id(NAMESPACE);
  }

  /** Edge id: the event id and the edge's position within the event. */
  public static String edge(String eventId, int index) {
    return NaturalKeyBytes.start("edge").part(eventId).part(index).id(NAMESPACE);
  }
}
