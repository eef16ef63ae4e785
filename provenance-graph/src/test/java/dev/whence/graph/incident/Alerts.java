package dev.whence.graph.incident;

import dev.whence.graph.detect.AlertObject;
import dev.whence.graph.detect.AlertProcess;
import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.detect.ChainStep;
import dev.whence.graph.detect.Severity;
import dev.whence.graph.model.Ancestor;
import dev.whence.graph.model.NodeKind;
import dev.whence.graph.model.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/** Builds alerts and hops for correlator tests; process nodes are named {@code host/pid}. */
final class Alerts {

  static final long T0 = 1_800_000_000_000_000_000L;
  static final long SECOND = 1_000_000_000L;

  private Alerts() {}

  /** A process {@code host/pid} whose ancestors are {@code host/ppid...}, nearest first. */
  static AlertProcess process(String host, int pid, int... ancestry) {
    return started(host, pid, p -> T0, ancestry);
  }

  /** The same, each process started at {@code start.applyAsLong(pid)}. */
  static AlertProcess started(String host, int pid, IntToLongFunction start, int... ancestry) {
    List<Ancestor> ancestors = new ArrayList<>();
    for (int p : ancestry) {
      ancestors.add(
          new Ancestor(host + "/" + p, p, "/bin/p" + p, List.of(), 0L, start.applyAsLong(p)));
    }
    return new AlertProcess(
        host + "/" + pid,
        pid,
        "/bin/p" + pid,
        List.of("p" + pid),
        0L,
        start.applyAsLong(pid),
        ancestors);
  }

  static ChainStep step(String eventId, long t, Operation op, AlertProcess p, String object) {
    AlertObject o = object == null ? null : new AlertObject(object, NodeKind.FILE, object);
    return new ChainStep(eventId, t, op, p, o);
  }

  static AlertUpdate alert(String id, String rule, String host, ChainStep... chain) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (ChainStep s : chain) {
      first = Math.min(first, s.timestampNanos());
      last = Math.max(last, s.timestampNanos());
    }
    return new AlertUpdate(
        id, rule, 1, rule, Severity.HIGH, 75, List.of("T0000"), host, first, last, List.of(chain));
  }

  /** An alert of one EXECUTE step by {@code p} at {@code t} seconds after T0. */
  static AlertUpdate exec(String id, String rule, AlertProcess p, long seconds) {
    String host = p.nodeId().substring(0, p.nodeId().indexOf('/'));
    return alert(
        id,
        rule,
        host,
        step(id + "-e", T0 + seconds * SECOND, Operation.EXECUTE, p, host + ":" + p.exe()));
  }

  static CrossHostHop hop(
      String id, String clientHost, int clientPid, String serverHost, int serverPid, long seconds) {
    long t = T0 + seconds * SECOND;
    return new CrossHostHop(
        id,
        clientHost,
        id + "-connect",
        t - 1000,
        clientHost + "/" + clientPid,
        clientHost + "/flow-" + id,
        serverHost,
        id + "-accept",
        t,
        serverHost + "/" + serverPid,
        "10.0.0.2:22",
        0,
        null,
        null,
        null);
  }
}
