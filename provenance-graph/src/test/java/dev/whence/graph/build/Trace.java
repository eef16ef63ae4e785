package dev.whence.graph.build;

import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.model.SystemEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the events of one host with consecutive sequences and times 1 ms apart (shared by the
 * graph and detection tests).
 */
public class Trace {
  public static final long O_RDONLY = 0;
  public static final long O_WRONLY = 1;
  public static final long O_RDWR = 2;

  public final String host;
  public String boot = "boot-1";
  public long sequence = 100;
  public long time = 1_700_000_000_000_000_000L;
  private final Map<Integer, ProcessInfo> subjects = new HashMap<>();

  public Trace(String host) {
    this.host = host;
  }

  /** The subject as this trace currently describes pid. */
  public ProcessInfo subject(int pid) {
    return subjects.computeIfAbsent(
        pid,
        p ->
            new ProcessInfo(
                p,
                null,
                1,
                1000L,
                1000L,
                1000L,
                1000L,
                1000L,
                1L,
                "proc" + p,
                "/usr/bin/proc" + p,
                List.of(),
                "/home/user"));
  }

  public Trace describe(ProcessInfo info) {
    subjects.put(info.pid(), info);
    return this;
  }

  public SystemEvent event(
      Operation op, int pid, ObjectRef o1, ObjectRef o2, Long returnValue, Long flags) {
    return event(op, subject(pid), o1, o2, returnValue, flags, true);
  }

  public SystemEvent event(
      Operation op,
      ProcessInfo subject,
      ObjectRef o1,
      ObjectRef o2,
      Long returnValue,
      Long flags,
      boolean success) {
    sequence++;
    time += 1_000_000L;
    return new SystemEvent(
        host + "/" + boot + "/" + sequence,
        host,
        boot,
        sequence,
        time,
        op,
        success,
        returnValue,
        flags,
        64L,
        subject,
        o1,
        o2);
  }

  public SystemEvent fork(int parent, int child) {
    ProcessInfo p = subject(parent);
    describe(
        new ProcessInfo(
            child,
            null,
            parent,
            p.uid(),
            p.euid(),
            p.gid(),
            p.egid(),
            p.auid(),
            p.sessionId(),
            p.comm(),
            p.exe(),
            p.argv(),
            p.cwd()));
    return event(Operation.FORK, parent, ObjectRef.process(child), null, (long) child, null);
  }

  public SystemEvent exec(int pid, String path, String... argv) {
    ProcessInfo p = subject(pid);
    String comm = path.substring(path.lastIndexOf('/') + 1);
    describe(
        new ProcessInfo(
            pid,
            null,
            p.ppid(),
            p.uid(),
            p.euid(),
            p.gid(),
            p.egid(),
            p.auid(),
            p.sessionId(),
            comm,
            path,
            List.of(argv),
            p.cwd()));
    return event(Operation.EXECUTE, pid, ObjectRef.file(path), null, 0L, null);
  }

  public SystemEvent setUids(int pid, long uid, long euid, Operation op) {
    ProcessInfo p = subject(pid);
    describe(
        new ProcessInfo(
            pid,
            null,
            p.ppid(),
            uid,
            euid,
            p.gid(),
            p.egid(),
            p.auid(),
            p.sessionId(),
            p.comm(),
            p.exe(),
            p.argv(),
            p.cwd()));
    return event(
        op,
        pid,
        op == Operation.CHANGE_PRINCIPAL ? ObjectRef.principal(euid) : null,
        null,
        0L,
        null);
  }

  public SystemEvent open(int pid, String path, int fd, long flags) {
    return event(Operation.OPEN, pid, ObjectRef.file(path), null, (long) fd, flags);
  }

  public SystemEvent openInode(int pid, String path, long inode, int fd, long flags) {
    return event(Operation.OPEN, pid, ObjectRef.file(path, "8:1", inode), null, (long) fd, flags);
  }

  public SystemEvent onFd(Operation op, int pid, int fd) {
    return event(op, pid, ObjectRef.descriptor(ObjectKind.UNKNOWN, fd), null, 64L, null);
  }

  public SystemEvent close(int pid, int fd) {
    return event(
        Operation.CLOSE, pid, ObjectRef.descriptor(ObjectKind.UNKNOWN, fd), null, 0L, null);
  }

  public SystemEvent dup(int pid, int oldFd, int newFd) {
    return event(
        Operation.DUP,
        pid,
        ObjectRef.descriptor(ObjectKind.UNKNOWN, oldFd),
        null,
        (long) newFd,
        null);
  }

  public SystemEvent pipe(int pid, int readFd, int writeFd) {
    return event(
        Operation.CREATE_OBJECT,
        pid,
        ObjectRef.descriptor(ObjectKind.PIPE, readFd),
        ObjectRef.descriptor(ObjectKind.PIPE, writeFd),
        0L,
        null);
  }

  public SystemEvent path(Operation op, int pid, String path) {
    return event(op, pid, ObjectRef.file(path), null, 0L, null);
  }

  public SystemEvent rename(Operation op, int pid, String from, String to) {
    return event(op, pid, ObjectRef.file(from), ObjectRef.file(to), 0L, null);
  }

  public SystemEvent exit(int pid) {
    return event(Operation.EXIT, pid, null, null, 0L, null);
  }

  public SystemEvent socket(int pid, int fd) {
    return event(
        Operation.CREATE_OBJECT,
        pid,
        ObjectRef.socket(fd, "tcp", null, null, null, null),
        null,
        (long) fd,
        null);
  }

  public SystemEvent connect(
      int pid, int fd, String local, Integer localPort, String remote, int port) {
    return event(
        Operation.CONNECT,
        pid,
        ObjectRef.socket(fd, "tcp", local, localPort, remote, port),
        null,
        0L,
        null);
  }

  public SystemEvent accept(
      int pid, int listenFd, int newFd, String local, Integer localPort, String remote, int port) {
    return event(
        Operation.ACCEPT,
        pid,
        ObjectRef.socket(listenFd, "tcp", local, localPort, remote, port),
        null,
        (long) newFd,
        null);
  }
}
