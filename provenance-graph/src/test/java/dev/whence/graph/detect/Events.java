package dev.whence.graph.detect;

import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.model.SystemEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the events of one host with consecutive sequences and times 1 ms apart. */
final class Events {
  final String host;
  long sequence = 100;
  long time = 1_700_000_000_000_000_000L;
  private final Map<Integer, ProcessInfo> subjects = new HashMap<>();

  Events(String host) {
    this.host = host;
  }

  ProcessInfo subject(int pid) {
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

  Events describe(int pid, String exe, long uid, String... argv) {
    ProcessInfo p = subject(pid);
    subjects.put(
        pid,
        new ProcessInfo(
            pid,
            null,
            p.ppid(),
            uid,
            uid,
            uid,
            uid,
            p.auid(),
            p.sessionId(),
            "c",
            exe,
            List.of(argv),
            p.cwd()));
    return this;
  }

  Events advance(long nanos) {
    time += nanos;
    return this;
  }

  SystemEvent event(Operation op, int pid, ObjectRef o1, ObjectRef o2, Long rv, Long flags) {
    sequence++;
    time += 1_000_000L;
    return new SystemEvent(
        host + "/b/" + sequence,
        host,
        "b",
        sequence,
        time,
        op,
        true,
        rv,
        flags,
        64L,
        subject(pid),
        o1,
        o2);
  }

  SystemEvent fork(int parent, int child) {
    ProcessInfo p = subject(parent);
    subjects.put(
        child,
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

  SystemEvent exec(int pid, String path, String... argv) {
    ProcessInfo p = subject(pid);
    subjects.put(
        pid,
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
            "c",
            path,
            List.of(argv),
            p.cwd()));
    return event(Operation.EXECUTE, pid, ObjectRef.file(path), null, 0L, null);
  }

  SystemEvent write(int pid, String path, int fd) {
    return event(Operation.OPEN, pid, ObjectRef.file(path), null, (long) fd, 577L);
  }

  SystemEvent read(int pid, String path, int fd) {
    return event(Operation.OPEN, pid, ObjectRef.file(path), null, (long) fd, 0L);
  }

  SystemEvent dup(int pid, int oldFd, int newFd) {
    return event(
        Operation.DUP,
        pid,
        ObjectRef.descriptor(ObjectKind.UNKNOWN, oldFd),
        null,
        (long) newFd,
        null);
  }

  SystemEvent connect(int pid, int fd, String remote, int port) {
    return event(
        Operation.CONNECT,
        pid,
        ObjectRef.socket(fd, "tcp", "10.0.0.9", 40000, remote, port),
        null,
        0L,
        null);
  }

  SystemEvent connectFrom(int pid, int fd, String local, int localPort, String remote, int port) {
    return event(
        Operation.CONNECT,
        pid,
        ObjectRef.socket(fd, "tcp", local, localPort, remote, port),
        null,
        0L,
        null);
  }

  SystemEvent accept(
      int pid, int listenFd, int newFd, String local, int lport, String remote, int port) {
    return event(
        Operation.ACCEPT,
        pid,
        ObjectRef.socket(listenFd, "tcp", local, lport, remote, port),
        null,
        (long) newFd,
        null);
  }

  SystemEvent ptrace(int pid, int target) {
    return event(Operation.PTRACE, pid, ObjectRef.process(target), null, 0L, 16902L);
  }
}
