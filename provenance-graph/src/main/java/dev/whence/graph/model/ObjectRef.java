package dev.whence.graph.model;

/**
 * A thing an event acted on. Fields that do not apply to the kind are null; strings are untrusted.
 *
 * @param kind what kind of object this is, never null (UNKNOWN when the source did not say)
 * @param path file path, module name or unix socket path as reported
 * @param inode inode number
 * @param device device holding the inode, as MAJOR:MINOR
 * @param fd descriptor through which the object was reached, or which the event returned
 * @param family socket address family (inet, inet6, unix, netlink)
 * @param protocol transport protocol (tcp, udp)
 * @param localAddress local socket address
 * @param localPort local port
 * @param remoteAddress remote socket address
 * @param remotePort remote port
 * @param pid target process id (fork child, signal or ptrace target)
 * @param principalId user id named by the event (setuid target, login uid)
 */
public record ObjectRef(
    ObjectKind kind,
    String path,
    Long inode,
    String device,
    Integer fd,
    String family,
    String protocol,
    String localAddress,
    Integer localPort,
    String remoteAddress,
    Integer remotePort,
    Integer pid,
    Long principalId) {

  /** Replaces a null kind by UNKNOWN. */
  public ObjectRef {
    kind = kind == null ? ObjectKind.UNKNOWN : kind;
  }

  /** A file known by its path only. */
  public static ObjectRef file(String path) {
    return new ObjectRef(
        ObjectKind.FILE, path, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A file known by path, device and inode. */
  public static ObjectRef file(String path, String device, long inode) {
    return new ObjectRef(
        ObjectKind.FILE, path, inode, device, null, null, null, null, null, null, null, null, null);
  }

  /** An object of the given kind known only by a descriptor. */
  public static ObjectRef descriptor(ObjectKind kind, int fd) {
    return new ObjectRef(
        kind, null, null, null, fd, null, null, null, null, null, null, null, null);
  }

  /** A process known by its pid (fork child, signal or ptrace target). */
  public static ObjectRef process(int pid) {
    return new ObjectRef(
        ObjectKind.PROCESS, null, null, null, null, null, null, null, null, null, null, pid, null);
  }

  /** A principal (user id). */
  public static ObjectRef principal(long uid) {
    return new ObjectRef(
        ObjectKind.PRINCIPAL,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        uid);
  }

  /** An internet socket with whatever endpoints are known. */
  public static ObjectRef socket(
      Integer fd,
      String protocol,
      String localAddress,
      Integer localPort,
      String remoteAddress,
      Integer remotePort) {
    return new ObjectRef(
        ObjectKind.SOCKET,
        null,
        null,
        null,
        fd,
        "inet",
        protocol,
        localAddress,
        localPort,
        remoteAddress,
        remotePort,
        null,
        null);
  }

  /** This object with another descriptor. */
  public ObjectRef withFd(Integer newFd) {
    return new ObjectRef(
        kind,
        path,
        inode,
        device,
        newFd,
        family,
        protocol,
        localAddress,
        localPort,
        remoteAddress,
        remotePort,
        pid,
        principalId);
  }
}
