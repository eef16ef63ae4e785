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
    return id(NaturalKey.of("process", host, boot, pid, startSequence));
  }

  /** Node id of one image (version) of a process entity. */
  public static String processVersion(String processEntityId, int version) {
    return id(NaturalKey.of("process-version", processEntityId, version));
  }

  /** Entity id of a file known by device and inode. */
  public static String fileByInode(String host, String device, long inode) {
    return id(NaturalKey.of("file-inode", host, device, inode));
  }

  /** Entity id of a file known by path only. */
  public static String fileByPath(String host, String path) {
    return id(NaturalKey.of("file-path", host, path));
  }

  /**
   * Entity id of a file known by path only, created at a name whose plain path key still belongs to
   * a file renamed away from it: the new file must not share that file's identity.
   */
  public static String fileByPath(String host, String path, String originEventId) {
    return id(NaturalKey.of("file-path", host, path, originEventId));
  }

  /**
   * Node id of one version of a file entity. The creating event is part of the key, so a version
   * counter restarted after its state aged out can never reuse the id of an older version.
   */
  public static String fileVersion(String fileEntityId, int version, String originEventId) {
    return id(NaturalKey.of("file-version", fileEntityId, version, originEventId));
  }

  /** Node id of a network flow. */
  public static String flow(FlowKey key) {
    return id(
        NaturalKey.of("flow", key.scope(), key.scopeName(), key.protocol(), key.low(), key.high()));
  }

  /** Node id of the pipe created by the event with this sequence. */
  public static String pipe(String host, String boot, long creationSequence) {
    return id(NaturalKey.of("pipe", host, boot, creationSequence));
  }

  /** Node id of a socket named by an address (unix path). */
  public static String namedSocket(String host, String family, String address) {
    return id(NaturalKey.of("socket-named", host, family, address));
  }

  /** Node id of an anonymous socket created by the event with this sequence. */
  public static String anonymousSocket(String host, String boot, long creationSequence, int fd) {
    return id(NaturalKey.of("socket-anon", host, boot, creationSequence, fd));
  }

  /** Node id of a principal (user id) on a host. */
  public static String principal(String host, long uid) {
    return id(NaturalKey.of("principal", host, uid));
  }

  /** Node id of a host. */
  public static String host(String host) {
    return id(NaturalKey.of("host", host));
  }

  /** Node id of a kernel module in one boot of a host. */
  public static String module(String host, String boot, String name) {
    return id(NaturalKey.of("module", host, boot, name));
  }

  /** Edge id: the event id and the edge's position within the event. */
  public static String edge(String eventId, int index) {
    return id(NaturalKey.of("edge", eventId, index));
  }

  private static String id(String naturalKey) {
    return Uuid5.of(NAMESPACE, naturalKey).toString();
  }
}
