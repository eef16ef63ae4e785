package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.Edge;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.KeyValueGraphState;
import dev.whence.graph.state.SortedMapTable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Arbitrary, mostly malformed events never break the builder or the byte-backed state. */
class HostileInputTest {

  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(12),
            Arbitraries.of(
                "/etc/passwd",
                "../..",
                "/",
                "",
                "::1",
                "10.0.0.1",
                "[fe80::1%x]",
                "unix",
                "tcp",
                "\u0000",
                "p|3:abc",
                "\ud83d\ude00"))
        .injectNull(0.3);
  }

  private static Arbitrary<Integer> smallInt() {
    return Arbitraries.integers().between(-3, 8).injectNull(0.3);
  }

  private static Arbitrary<Long> smallLong() {
    return Arbitraries.longs().between(-200, 70000).injectNull(0.3);
  }

  private static Arbitrary<ObjectRef> object() {
    Arbitrary<ObjectRef> head =
        Combinators.combine(
                Arbitraries.of(ObjectKind.class).injectNull(0.1),
                text(),
                smallLong(),
                text(),
                smallInt(),
                text(),
                text(),
                text())
            .as(
                (kind, path, inode, device, fd, family, protocol, local) ->
                    new ObjectRef(
                        kind, path, inode, device, fd, family, protocol, local, null, null, null,
                        null, null));
    return Combinators.combine(head, smallInt(), text(), smallInt(), smallInt(), smallLong())
        .as(
            (o, localPort, remote, remotePort, pid, principal) ->
                new ObjectRef(
                    o.kind(),
                    o.path(),
                    o.inode(),
                    o.device(),
                    o.fd(),
                    o.family(),
                    o.protocol(),
                    o.localAddress(),
                    localPort,
                    remote,
                    remotePort,
                    pid,
                    principal))
        .injectNull(0.3);
  }

  private static Arbitrary<ProcessInfo> subject() {
    return Combinators.combine(
            smallInt(),
            smallInt(),
            smallLong(),
            smallLong(),
            text(),
            text(),
            text().list().ofMaxSize(3),
            text())
        .as(
            (pid, ppid, uid, euid, comm, exe, argv, cwd) ->
                new ProcessInfo(
                    pid, null, ppid, uid, euid, null, null, null, null, comm, exe, argv, cwd))
        .injectNull(0.05);
  }

  @Provide
  Arbitrary<List<SystemEvent>> events() {
    Arbitrary<SystemEvent> event =
        Combinators.combine(
                Arbitraries.of("h1", "h2", "").injectNull(0.02),
                Arbitraries.longs().between(0, 40),
                Arbitraries.of(Operation.class).injectNull(0.02),
                Arbitraries.of(true, true, false),
                smallLong(),
                subject(),
                object(),
                object())
            .as(
                (host, seq, op, success, rv, subject, o1, o2) ->
                    new SystemEvent(
                        host + "/b/" + seq,
                        host,
                        "b",
                        seq,
                        1_000_000L * seq,
                        op,
                        success,
                        rv,
                        rv,
                        rv,
                        subject,
                        o1,
                        o2));
    return event.list().ofMaxSize(60);
  }

  @Property(tries = 500)
  void arbitraryEventsAreAppliedOrRejectedNeverBroken(@ForAll("events") List<SystemEvent> events) {
    GraphBuilder builder =
        new GraphBuilder(
            new KeyValueGraphState(new SortedMapTable(), new SortedMapTable()),
            GraphConfig.defaults());
    Set<String> emitted = new HashSet<>();
    for (SystemEvent e : events) {
      GraphUpdate u = builder.apply(e);
      if (u.rejection() != null) {
        assertThat(u.rejection().code())
            .as(u.rejection().reason() + " for " + e)
            .isNotEqualTo(RejectionCode.INTERNAL_ERROR);
        assertThat(u.rejection().reason()).isNotBlank();
        assertThat(u.nodes()).isEmpty();
        assertThat(u.edges()).isEmpty();
        continue;
      }
      u.nodes().forEach(n -> emitted.add(n.id()));
      for (Edge edge : u.edges()) {
        assertThat(emitted).contains(edge.sourceNode(), edge.targetNode());
        assertThat(edge.sourceNode()).isNotEqualTo(edge.targetNode());
      }
    }
    builder.expire(Long.MAX_VALUE);
  }
}
