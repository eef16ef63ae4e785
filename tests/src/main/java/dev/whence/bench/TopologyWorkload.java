package dev.whence.bench;

import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import dev.whence.schemas.EventIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic but realistic audit workload of many hosts, generated deterministically from a seed:
 * on each host a few long-lived shells and daemons fork children that exec one of a set of tools,
 * read libraries and configuration, write output files, sometimes rename or delete them, sometimes
 * open a TCP connection to a service on another host (which accepts it), and exit. Pids grow and
 * wrap like the kernel's. Events come host by host in round-robin, each host's in order.
 */
public final class TopologyWorkload {

  private static final String[] TOOLS = {
    "/usr/bin/curl", "/usr/bin/grep", "/usr/bin/python3", "/usr/bin/tar", "/usr/bin/gzip",
    "/usr/bin/ssh", "/usr/bin/git", "/usr/bin/cc", "/usr/bin/sed", "/usr/bin/awk"
  };
  private static final String[] LIBS = {
    "/etc/ld.so.cache", "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libz.so.1",
    "/etc/passwd", "/etc/nsswitch.conf", "/usr/lib/locale/locale-archive"
  };

  private final int hosts;
  private final Host[] state;
  private final SplittableRandom random;
  private final long gapNanos;
  private int next;

  /**
   * A workload of {@code hosts} hosts, reproducible from {@code seed}, each producing about 33 000
   * events per second of event time (20 to 40 us apart).
   */
  public TopologyWorkload(int hosts, long seed) {
    this(hosts, seed, 20_000L);
  }

  /**
   * A workload of {@code hosts} hosts, reproducible from {@code seed}, whose events on one host are
   * {@code gapNanos} to twice that apart in event time (20 000: about 33 000 events per second per
   * host, so a replay spans little event time and nothing ages out; 500 000: about 1 300, a busy
   * server's audit rate).
   */
  public TopologyWorkload(int hosts, long seed, long gapNanos) {
    if (gapNanos < 1 || gapNanos > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("gapNanos must be in 1.." + Integer.MAX_VALUE);
    }
    this.hosts = hosts;
    this.gapNanos = gapNanos;
    this.random = new SplittableRandom(seed);
    this.state = new Host[hosts];
    for (int h = 0; h < hosts; h++) {
      state[h] = new Host("host-" + h, h);
    }
  }

  /**
   * The benchmarks' workload of {@code hosts} hosts: seed 42, and the event gap that {@code
   * -Dwhence.bench.eventGapNanos} sets (default 20 000 ns), so every benchmark that reads the
   * property replays the same events.
   */
  public static TopologyWorkload forBenchmark(int hosts) {
    return new TopologyWorkload(hosts, 42, Long.getLong("whence.bench.eventGapNanos", 20_000L));
  }

  /** The next batch of one host's events (one child's life, or its server's accept). */
  public List<Event> nextBatch() {
    Host h = state[next];
    next = (next + 1) % hosts;
    return h.session();
  }

  /**
   * The next host's "download and execute" attack: curl receives from a public address and writes a
   * file under /tmp, then a new child of the shell executes that file. It raises the default pack's
   * download-execute and exec-from-tmp rules at the second EXECUTE.
   */
  List<Event> nextAttack() {
    Host h = state[next];
    next = (next + 1) % hosts;
    return h.attack();
  }

  private final class Host {
    final String name;
    final int index;
    final String boot;
    long sequence;
    long nanos = 1_795_772_562_000_000_000L;
    int nextPid = 3000;
    final int shellPid;
    final int serverPid;
    int sessions;
    final List<Event> out = new ArrayList<>(32);

    Host(String name, int index) {
      this.name = name;
      this.index = index;
      this.boot = "boot-" + index;
      this.shellPid = 1000;
      this.serverPid = 900;
    }

    List<Event> session() {
      out.clear();
      if (sessions == 0) {
        add(
            Operation.EXECUTE,
            subject(shellPid, 1, "/usr/bin/bash", 1000),
            file("/usr/bin/bash"),
            null,
            0L,
            null);
        add(
            Operation.EXECUTE,
            subject(serverPid, 1, "/usr/sbin/nginx", 33),
            file("/usr/sbin/nginx"),
            null,
            0L,
            null);
        add(
            Operation.CREATE_OBJECT,
            subject(serverPid, 1, "/usr/sbin/nginx", 33),
            socket(3, null, null, null, null),
            null,
            3L,
            null);
        add(
            Operation.BIND,
            subject(serverPid, 1, "/usr/sbin/nginx", 33),
            socket(3, "0.0.0.0", 8080, null, null),
            null,
            0L,
            null);
      }
      sessions++;
      int child = nextPid();
      String tool = TOOLS[random.nextInt(TOOLS.length)];
      Subject shell = subject(shellPid, 1, "/usr/bin/bash", 1000);
      add(Operation.FORK, shell, process(child), null, (long) child, null);
      Subject s = subject(child, shellPid, tool, 1000);
      add(Operation.EXECUTE, s, file(tool), null, 0L, null);
      int libs = 2 + random.nextInt(4);
      for (int i = 0; i < libs; i++) {
        String lib = LIBS[random.nextInt(LIBS.length)];
        add(Operation.OPEN, s, file(lib), null, 3L, 0L);
        add(Operation.READ, s, fd(ObjectKind.FILE, 3), null, 4096L, null);
        add(Operation.CLOSE, s, fd(ObjectKind.FILE, 3), null, 0L, null);
      }
      String output = "/home/u/work/out-" + index + "-" + (sessions % 5000) + ".dat";
      add(Operation.OPEN, s, file(output), null, 4L, 0101L);
      int writes = 1 + random.nextInt(4);
      for (int i = 0; i < writes; i++) {
        add(Operation.WRITE, s, fd(ObjectKind.FILE, 4), null, 8192L, null);
      }
      add(Operation.CLOSE, s, fd(ObjectKind.FILE, 4), null, 0L, null);
      int roll = random.nextInt(10);
      if (roll == 0) {
        add(Operation.RENAME, s, file(output), file(output + ".old"), 0L, null);
      } else if (roll == 1) {
        add(Operation.UNLINK, s, file(output), null, 0L, null);
      } else if (roll < 4 && hosts > 1) {
        connect(s);
      }
      add(Operation.EXIT, s, null, null, 0L, null);
      return new ArrayList<>(out);
    }

    List<Event> attack() {
      if (sessions == 0) {
        session();
      }
      out.clear();
      attacks++;
      Subject shell = subject(shellPid, 1, "/usr/bin/bash", 1000);
      int fetcher = nextPid();
      add(Operation.FORK, shell, process(fetcher), null, (long) fetcher, null);
      Subject s = subject(fetcher, shellPid, "/usr/bin/curl", 1000);
      add(Operation.EXECUTE, s, file("/usr/bin/curl"), null, 0L, null);
      add(Operation.CREATE_OBJECT, s, socket(5, null, null, null, null), null, 5L, null);
      add(Operation.CONNECT, s, socket(5, null, null, "203.0.113.7", 443), null, 0L, null);
      add(Operation.RECVFROM, s, fd(ObjectKind.SOCKET, 5), null, 65536L, null);
      String payload = "/tmp/.stage-" + index + "-" + attacks;
      add(Operation.OPEN, s, file(payload), null, 4L, 0101L);
      add(Operation.WRITE, s, fd(ObjectKind.FILE, 4), null, 65536L, null);
      add(Operation.CLOSE, s, fd(ObjectKind.FILE, 4), null, 0L, null);
      add(Operation.EXIT, s, null, null, 0L, null);
      int runner = nextPid();
      add(Operation.FORK, shell, process(runner), null, (long) runner, null);
      Subject r = subject(runner, shellPid, payload, 1000);
      add(Operation.EXECUTE, r, file(payload), null, 0L, null);
      add(Operation.EXIT, r, null, null, 0L, null);
      return new ArrayList<>(out);
    }

    int attacks;

    private void connect(Subject s) {
      int peer = (index + 1 + random.nextInt(hosts - 1)) % hosts;
      add(Operation.CREATE_OBJECT, s, socket(5, null, null, null, null), null, 5L, null);
      add(
          Operation.CONNECT,
          s,
          socket(5, null, null, "10.1.0." + (peer + 1), 8080),
          null,
          0L,
          null);
      add(Operation.SENDTO, s, fd(ObjectKind.SOCKET, 5), null, 512L, null);
      add(Operation.RECVFROM, s, fd(ObjectKind.SOCKET, 5), null, 4096L, null);
      state[peer].accept("10.1.0." + (index + 1), 30000 + random.nextInt(30000));
    }

    void accept(String peer, int peerPort) {
      Subject srv = subject(serverPid, 1, "/usr/sbin/nginx", 33);
      List<Event> saved = new ArrayList<>(out);
      out.clear();
      add(
          Operation.ACCEPT,
          srv,
          fd(ObjectKind.SOCKET, 3),
          socket(null, null, null, peer, peerPort),
          6L,
          null);
      add(Operation.RECVFROM, srv, fd(ObjectKind.SOCKET, 6), null, 512L, null);
      add(Operation.SENDTO, srv, fd(ObjectKind.SOCKET, 6), null, 4096L, null);
      add(Operation.CLOSE, srv, fd(ObjectKind.SOCKET, 6), null, 0L, null);
      pending.addAll(out);
      out.clear();
      out.addAll(saved);
    }

    final List<Event> pending = new ArrayList<>();

    int nextPid() {
      nextPid = nextPid >= 4_000_000 ? 3000 : nextPid + 1;
      return nextPid;
    }

    void add(Operation op, Subject subject, EventObject o1, EventObject o2, Long rv, Long flags) {
      if (!pending.isEmpty() && op == Operation.FORK) {
        List<Event> p = new ArrayList<>(pending);
        pending.clear();
        for (Event e : p) {
          e.setSequence(++sequence);
          e.setId(EventIds.of(name, boot, sequence));
          nanos += 20_000L;
          e.setTimestampNanos(nanos);
          out.add(e);
        }
      }
      sequence++;
      nanos += gapNanos + random.nextInt((int) gapNanos);
      out.add(
          Event.newBuilder()
              .setId(EventIds.of(name, boot, sequence))
              .setHost(name)
              .setBoot(boot)
              .setSource(SourceKind.LINUX_AUDIT)
              .setSequence(sequence)
              .setTimestampNanos(nanos)
              .setOperation(op)
              .setAction(op.name().toLowerCase())
              .setSuccess(true)
              .setReturnValue(rv)
              .setFlags(flags)
              .setSubject(subject)
              .setObject1(o1)
              .setObject2(o2)
              .setRaw(Map.of("SYSCALL.arch", "c000003e", "SYSCALL.items", "1"))
              .build());
    }
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
        .setAuid(1000L)
        .setSessionId(3L)
        .setComm(comm)
        .setExe(exe)
        .setArgv(List.of(comm, "--verbose", "/home/u/work/input.txt"))
        .setCwd("/home/u/work")
        .setTty("pts0")
        .build();
  }

  private static EventObject file(String path) {
    return EventObject.newBuilder().setKind(ObjectKind.FILE).setPath(path).build();
  }

  private static EventObject fd(ObjectKind kind, int fd) {
    return EventObject.newBuilder().setKind(kind).setFd(fd).build();
  }

  private static EventObject process(int pid) {
    return EventObject.newBuilder().setKind(ObjectKind.PROCESS).setPid(pid).build();
  }

  private static EventObject socket(
      Integer fd, String local, Integer localPort, String remote, Integer remotePort) {
    return EventObject.newBuilder()
        .setKind(ObjectKind.SOCKET)
        .setFd(fd)
        .setFamily("inet")
        .setProtocol(null)
        .setLocalAddress(local)
        .setLocalPort(localPort)
        .setRemoteAddress(remote)
        .setRemotePort(remotePort)
        .build();
  }
}
