package dev.whence.topology.rules;

import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.model.SystemEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Events of one host, 1 ms apart, for exercising the rule pack on made-up traces. */
final class PackEvents {
  final String host;
  long sequence = 100;
  long time = 1_700_000_000_000_000_000L;
  private final Map<Integer, ProcessInfo> subjects = new HashMap<>();

  PackEvents(String host) {
    this.host = host;
  }

  ProcessInfo subject(int pid) {
    return subjects.computeIfAbsent(
        pid,
        p ->
            new ProcessInfo(
                p, null, 1, 0L, 0L, 0L, 0L, 0L, 1L, "c", "/usr/bin/proc" + p, List.of(), "/root"));
  }

  private void put(int pid, ProcessInfo p, Integer ppid, Long uid, String exe, List<String> argv) {
    subjects.put(
        pid,
        new ProcessInfo(
            pid,
            null,
            ppid == null ? p.ppid() : ppid,
            uid == null ? p.uid() : uid,
            uid == null ? p.euid() : uid,
            p.gid(),
            p.egid(),
            p.auid(),
            p.sessionId(),
            p.comm(),
            exe == null ? p.exe() : exe,
            argv == null ? p.argv() : argv,
            p.cwd()));
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
        null,
        subject(pid),
        o1,
        o2);
  }

  SystemEvent fork(int parent, int child) {
    put(child, subject(parent), parent, null, null, null);
    return event(Operation.FORK, parent, ObjectRef.process(child), null, (long) child, null);
  }

  SystemEvent exec(int pid, String path, String... argv) {
    put(pid, subject(pid), null, null, path, List.of(argv));
    return event(Operation.EXECUTE, pid, ObjectRef.file(path), null, 0L, null);
  }

  SystemEvent setuid(int pid, long uid) {
    put(pid, subject(pid), null, uid, null, null);
    return event(Operation.CHANGE_PRINCIPAL, pid, ObjectRef.principal(uid), null, 0L, null);
  }

  SystemEvent write(int pid, String path) {
    return event(Operation.OPEN, pid, ObjectRef.file(path), null, 3L, 577L);
  }

  SystemEvent read(int pid, String path) {
    return event(Operation.OPEN, pid, ObjectRef.file(path), null, 3L, 0L);
  }

  SystemEvent unlink(int pid, String path) {
    return event(Operation.UNLINK, pid, ObjectRef.file(path), null, 0L, null);
  }

  SystemEvent connect(int pid, int fd, String local, int lport, String remote, int port) {
    return event(
        Operation.CONNECT,
        pid,
        ObjectRef.socket(fd, "tcp", local, lport, remote, port),
        null,
        0L,
        null);
  }

  SystemEvent accept(int pid, String local, int lport, String remote, int port) {
    return event(
        Operation.ACCEPT,
        pid,
        ObjectRef.socket(3, "tcp", local, lport, remote, port),
        null,
        4L,
        null);
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
}
