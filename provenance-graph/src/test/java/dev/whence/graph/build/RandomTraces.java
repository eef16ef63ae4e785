package dev.whence.graph.build;

import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.model.SystemEvent;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random but plausible event streams over small pools, so that actions interact. */
final class RandomTraces {
  private static final String[] PATHS = {
    "/etc/passwd", "/tmp/x", "/tmp/y", "/usr/bin/tool", "/home/u/.bashrc", "rel/file"
  };
  private static final String[] ADDRESSES = {"10.0.0.1", "10.0.0.2", "203.0.113.9", "127.0.0.1"};
  private static final int[] PORTS = {22, 40000, 40001};

  enum Kind {
    FORK,
    EXEC,
    OPEN,
    READ,
    WRITE,
    CLOSE,
    DUP,
    PIPE,
    SOCKET,
    CONNECT,
    ACCEPT,
    SEND,
    RECV,
    RENAME,
    LINK,
    UNLINK,
    EXIT,
    SETUID,
    SIGNAL,
    MMAP,
    LOADMODULE,
    THREAD,
    NO_PID,
    FAILED,
    INODE_OPEN
  }

  /** One step of a trace; numbers index the pools. */
  record Action(Kind kind, int pid, int other, int fd, int fd2, int a, int b) {}

  private RandomTraces() {}

  static Arbitrary<List<Action>> actions(int max) {
    Arbitrary<Action> action =
        Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(100, 104),
                Arbitraries.integers().between(100, 104),
                Arbitraries.integers().between(3, 6),
                Arbitraries.integers().between(3, 6),
                Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 11))
            .as(Action::new);
    return action.list().ofMaxSize(max);
  }

  static List<SystemEvent> events(String host, List<Action> actions) {
    Trace t = new Trace(host);
    List<SystemEvent> out = new ArrayList<>();
    for (Action a : actions) {
      out.add(event(t, a));
    }
    return out;
  }

  private static SystemEvent event(Trace t, Action a) {
    String path = PATHS[a.a() % PATHS.length];
    String other = PATHS[a.b() % PATHS.length];
    String local = ADDRESSES[a.a() % ADDRESSES.length];
    String remote = ADDRESSES[a.b() % ADDRESSES.length];
    int lport = PORTS[a.a() % PORTS.length];
    int rport = PORTS[a.b() % PORTS.length];
    return switch (a.kind()) {
      case FORK -> t.fork(a.pid(), a.other());
      case EXEC -> t.exec(a.pid(), path, path, "-" + a.b());
      case OPEN -> t.open(a.pid(), path, a.fd(), a.b() % 3);
      case INODE_OPEN -> t.openInode(a.pid(), path, a.b(), a.fd(), a.b() % 3);
      case READ -> t.onFd(Operation.READ, a.pid(), a.fd());
      case WRITE -> t.onFd(Operation.WRITE, a.pid(), a.fd());
      case CLOSE -> t.close(a.pid(), a.fd());
      case DUP -> t.dup(a.pid(), a.fd(), a.fd2());
      case PIPE -> t.pipe(a.pid(), a.fd(), a.fd2());
      case SOCKET -> t.socket(a.pid(), a.fd());
      case CONNECT -> t.connect(a.pid(), a.fd(), local, lport, remote, rport);
      case ACCEPT -> t.accept(a.pid(), a.fd(), a.fd2(), remote, rport, local, lport);
      case SEND -> t.onFd(Operation.SENDTO, a.pid(), a.fd());
      case RECV -> t.onFd(Operation.RECVFROM, a.pid(), a.fd());
      case RENAME -> t.rename(Operation.RENAME, a.pid(), path, other);
      case LINK -> t.rename(Operation.LINK, a.pid(), path, other);
      case UNLINK -> t.path(Operation.UNLINK, a.pid(), path);
      case EXIT -> t.exit(a.pid());
      case SETUID ->
          t.setUids(
              a.pid(),
              a.a() % 2 == 0 ? 0 : 1000,
              a.b() % 2 == 0 ? 0 : 1000,
              a.fd() % 2 == 0 ? Operation.CHANGE_PRINCIPAL : Operation.OTHER);
      case SIGNAL ->
          t.event(Operation.SIGNAL, a.pid(), ObjectRef.process(a.other()), null, 0L, null);
      case MMAP -> t.onFd(Operation.MMAP, a.pid(), a.fd());
      case LOADMODULE -> t.path(Operation.LOADMODULE, a.pid(), path);
      case THREAD ->
          t.event(
              Operation.CLONE,
              a.pid(),
              null,
              null,
              (long) a.other() + 1000,
              (long) Preflight.CLONE_THREAD);
      case NO_PID ->
          t.event(
              Operation.READ,
              new ProcessInfo(
                  null, null, null, null, null, null, null, null, null, null, null, null, null),
              ObjectRef.descriptor(ObjectKind.FILE, a.fd()),
              null,
              0L,
              null,
              true);
      case FAILED ->
          t.event(Operation.OPEN, t.subject(a.pid()), ObjectRef.file(path), null, -2L, 0L, false);
    };
  }
}
