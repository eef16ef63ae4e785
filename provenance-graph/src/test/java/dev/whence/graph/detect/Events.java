package dev.whence.graph.detect;

import dev.whence.graph.build.Trace;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.model.SystemEvent;
import java.util.List;

/** A {@link Trace} with boot id {@code b} and the few shapes of event the detection tests add. */
final class Events extends Trace {

  Events(String host) {
    super(host);
    boot = "b";
  }

  Events describe(int pid, String exe, long uid, String... argv) {
    ProcessInfo p = subject(pid);
    describe(
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

  SystemEvent write(int pid, String path, int fd) {
    return open(pid, path, fd, 577L);
  }

  SystemEvent read(int pid, String path, int fd) {
    return open(pid, path, fd, 0L);
  }

  SystemEvent connect(int pid, int fd, String remote, int port) {
    return connect(pid, fd, "10.0.0.9", 40000, remote, port);
  }

  SystemEvent connectFrom(int pid, int fd, String local, int localPort, String remote, int port) {
    return connect(pid, fd, local, localPort, remote, port);
  }

  SystemEvent ptrace(int pid, int target) {
    return event(Operation.PTRACE, pid, ObjectRef.process(target), null, 0L, 16902L);
  }
}
