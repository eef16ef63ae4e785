package dev.whence.topology;

import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import dev.whence.schemas.EventIds;
import java.util.List;
import java.util.Map;

/** Builds one host's Linux-audit-like events with consecutive sequences, for graph tests. */
final class GraphEvents {

  private final String host;
  private long sequence;
  private long nanos;

  GraphEvents(String host, long startNanos) {
    this.host = host;
    this.nanos = startNanos;
  }

  String host() {
    return host;
  }

  Event exec(int pid, int ppid, String exe) {
    return event(Operation.EXECUTE, subject(pid, ppid, exe, 1000L), file(exe), null, 0L);
  }

  Event fork(int pid, int child, String exe) {
    EventObject o = EventObject.newBuilder().setKind(ObjectKind.PROCESS).setPid(child).build();
    return event(Operation.FORK, subject(pid, 1, exe, 1000L), o, null, (long) child);
  }

  Event exit(int pid, String exe) {
    return event(Operation.EXIT, subject(pid, 1, exe, 1000L), null, null, 0L);
  }

  Event open(int pid, String exe, String path, int fd, long flags) {
    Event e = event(Operation.OPEN, subject(pid, 1, exe, 1000L), file(path), null, (long) fd);
    e.setFlags(flags);
    return e;
  }

  Event write(int pid, String exe, int fd) {
    return event(
        Operation.WRITE, subject(pid, 1, exe, 1000L), fdObject(ObjectKind.FILE, fd), null, 64L);
  }

  Event read(int pid, String exe, ObjectKind kind, int fd) {
    return event(Operation.READ, subject(pid, 1, exe, 1000L), fdObject(kind, fd), null, 64L);
  }

  Event rename(int pid, String exe, String from, String to) {
    return event(Operation.RENAME, subject(pid, 1, exe, 1000L), file(from), file(to), 0L);
  }

  Event unlink(int pid, String exe, String path) {
    return event(Operation.UNLINK, subject(pid, 1, exe, 1000L), file(path), null, 0L);
  }

  Event pipe(int pid, String exe, int readFd, int writeFd) {
    return event(
        Operation.CREATE_OBJECT,
        subject(pid, 1, exe, 1000L),
        fdObject(ObjectKind.PIPE, readFd),
        fdObject(ObjectKind.PIPE, writeFd),
        0L);
  }

  Event writeTo(int pid, String exe, ObjectKind kind, int fd) {
    return event(Operation.WRITE, subject(pid, 1, exe, 1000L), fdObject(kind, fd), null, 64L);
  }

  Event socket(int pid, String exe, int fd) {
    EventObject o =
        EventObject.newBuilder()
            .setKind(ObjectKind.SOCKET)
            .setFd(fd)
            .setFamily("inet")
            .setProtocol("tcp")
            .build();
    return event(Operation.CREATE_OBJECT, subject(pid, 1, exe, 1000L), o, null, (long) fd);
  }

  Event bind(int pid, String exe, int fd, String address, int port) {
    EventObject o =
        EventObject.newBuilder()
            .setKind(ObjectKind.SOCKET)
            .setFd(fd)
            .setFamily("inet")
            .setLocalAddress(address)
            .setLocalPort(port)
            .build();
    return event(Operation.BIND, subject(pid, 1, exe, 1000L), o, null, 0L);
  }

  /** connect(): audit reports the remote endpoint only. */
  Event connect(int pid, String exe, int fd, String address, int port) {
    EventObject o =
        EventObject.newBuilder()
            .setKind(ObjectKind.SOCKET)
            .setFd(fd)
            .setFamily("inet")
            .setRemoteAddress(address)
            .setRemotePort(port)
            .build();
    return event(Operation.CONNECT, subject(pid, 1, exe, 1000L), o, null, 0L);
  }

  /** accept(): the listening descriptor and the peer's address and port; returns the new fd. */
  Event accept(int pid, String exe, int listenFd, int newFd, String peer, int peerPort) {
    EventObject listening =
        EventObject.newBuilder().setKind(ObjectKind.SOCKET).setFd(listenFd).build();
    EventObject o =
        EventObject.newBuilder()
            .setKind(ObjectKind.SOCKET)
            .setFamily("inet")
            .setRemoteAddress(peer)
            .setRemotePort(peerPort)
            .build();
    return event(Operation.ACCEPT, subject(pid, 1, exe, 1000L), listening, o, (long) newFd);
  }

  Event setuid(int pid, String exe, long euid) {
    Subject s = subject(pid, 1, exe, 1000L);
    s.setEuid(euid);
    EventObject o =
        EventObject.newBuilder().setKind(ObjectKind.PRINCIPAL).setPrincipalId(euid).build();
    return event(Operation.CHANGE_PRINCIPAL, s, o, null, 0L);
  }

  /** Moves this host's clock {@code nanos} ahead: the next event comes that much later. */
  GraphEvents skip(long nanos) {
    this.nanos += nanos;
    return this;
  }

  Event withPid(Event e, int pid) {
    Event copy = Event.newBuilder(e).build();
    copy.getSubject().setPid(pid);
    return copy;
  }

  private Event event(
      Operation op, Subject subject, EventObject o1, EventObject o2, Long returnValue) {
    sequence++;
    nanos += 1_000_000L;
    return Event.newBuilder()
        .setId(EventIds.of(host, "boot-1", sequence))
        .setHost(host)
        .setBoot("boot-1")
        .setSource(SourceKind.LINUX_AUDIT)
        .setSequence(sequence)
        .setTimestampNanos(nanos)
        .setOperation(op)
        .setAction(op.name().toLowerCase())
        .setSuccess(true)
        .setReturnValue(returnValue)
        .setSubject(subject)
        .setObject1(o1)
        .setObject2(o2)
        .setRaw(Map.of())
        .build();
  }

  private static Subject subject(int pid, int ppid, String exe, long uid) {
    String comm = exe.substring(exe.lastIndexOf('/') + 1);
    return Subject.newBuilder()
        .setPid(pid)
        .setPpid(ppid)
        .setUid(uid)
        .setEuid(uid)
        .setGid(uid)
        .setEgid(uid)
        .setAuid(uid)
        .setSessionId(1L)
        .setComm(comm)
        .setExe(exe)
        .setArgv(List.of(comm))
        .setCwd("/home/u")
        .build();
  }

  private static EventObject file(String path) {
    return EventObject.newBuilder().setKind(ObjectKind.FILE).setPath(path).build();
  }

  private static EventObject fdObject(ObjectKind kind, int fd) {
    return EventObject.newBuilder().setKind(kind).setFd(fd).build();
  }
}
