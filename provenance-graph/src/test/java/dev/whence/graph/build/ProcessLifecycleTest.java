package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.Ancestor;
import dev.whence.graph.model.Edge;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.model.ProcessNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessLifecycleTest {
  private final Trace t = new Trace("host-a");
  private final Graph g = new Graph();

  @Test
  void forkCreatesChildThatInheritsTheParentImageWithAnEdgeFromTheParent() {
    g.ok(t.exec(100, "/usr/sbin/sshd", "sshd"));
    String parent = g.processNode("host-a", 100);
    g.ok(t.fork(100, 200));

    String child = g.processNode("host-a", 200);
    assertThat(child).isNotEqualTo(parent);
    assertThat(g.edges(Operation.FORK))
        .anySatisfy(
            e -> {
              assertThat(e.sourceNode()).isEqualTo(parent);
              assertThat(e.targetNode()).isEqualTo(child);
            });
    ProcessNode node = (ProcessNode) g.node(child);
    assertThat(node.exe()).isEqualTo("/usr/sbin/sshd");
    assertThat(node.ppid()).isEqualTo(100);
    assertThat(g.builder.process("host-a", 200).orElseThrow().ancestors())
        .extracting(Ancestor::nodeId)
        .startsWith(parent);
  }

  @Test
  void execStartsANewImageFedByTheExecutedFileAndKeepsTheOldImageInTheAncestry() {
    g.ok(t.exec(100, "/bin/bash", "bash"));
    g.ok(t.fork(100, 200));
    String forked = g.processNode("host-a", 200);
    g.ok(t.exec(200, "/tmp/payload", "/tmp/payload", "-x"));

    ProcessView view = g.builder.process("host-a", 200).orElseThrow();
    assertThat(view.nodeId()).isNotEqualTo(forked);
    assertThat(view.exe()).isEqualTo("/tmp/payload");
    assertThat(view.argv()).containsExactly("/tmp/payload", "-x");
    assertThat(view.ancestors()).extracting(Ancestor::nodeId).first().isEqualTo(forked);
    assertThat(view.ancestors())
        .extracting(Ancestor::exe)
        .containsSubsequence("/bin/bash", "/bin/bash");
    ProcessNode image = (ProcessNode) g.node(view.nodeId());
    assertThat(image.entityId()).isEqualTo(((ProcessNode) g.node(forked)).entityId());
    assertThat(image.version()).isEqualTo(1);
    List<Edge> execs = g.edges(Operation.EXECUTE);
    assertThat(execs)
        .anySatisfy(
            e -> {
              assertThat(g.node(e.sourceNode()).name()).isEqualTo("/tmp/payload");
              assertThat(e.targetNode()).isEqualTo(view.nodeId());
            });
    assertThat(execs)
        .anySatisfy(
            e -> {
              assertThat(e.sourceNode()).isEqualTo(forked);
              assertThat(e.targetNode()).isEqualTo(view.nodeId());
            });
  }

  @Test
  void aProcessFirstSeenAtItsExecStartsWithTheExecutedImage() {
    g.ok(t.exec(100, "/usr/bin/curl", "curl"));

    ProcessView view = g.builder.process("host-a", 100).orElseThrow();
    assertThat(g.processNodes(100))
        .singleElement()
        .satisfies(p -> assertThat(p.version()).isZero());
    assertThat(view.ancestors()).isEmpty();
    assertThat(g.edges(Operation.EXECUTE))
        .singleElement()
        .satisfies(e -> assertThat(g.node(e.sourceNode()).name()).isEqualTo("/usr/bin/curl"));
  }

  @Test
  void aPidReusedAfterExitIsANewProcess() {
    g.ok(t.fork(1, 300));
    String first = ((ProcessNode) g.node(g.processNode("host-a", 300))).entityId();
    g.ok(t.exit(300));
    g.ok(t.fork(1, 300));
    String second = ((ProcessNode) g.node(g.processNode("host-a", 300))).entityId();

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void aLateRecordOfAThreadBelongsToTheProcessThatExitedAfterIt() {
    g.ok(t.exec(300, "/usr/bin/make", "make"));
    String running = g.processNode("host-a", 300);
    g.ok(t.exit(300));
    long exit = t.time;
    t.time = exit - 2_000_000L;
    g.ok(t.open(300, "/tmp/build.log", 4, 1));

    assertThat(g.processNode("host-a", 300)).isEqualTo(running);
    assertThat(g.edges(Operation.OPEN))
        .anySatisfy(e -> assertThat(e.sourceNode()).isEqualTo(running));

    t.time = exit + 5_000_000L;
    g.ok(t.open(300, "/tmp/other.log", 4, 1));
    assertThat(g.processNode("host-a", 300)).isNotEqualTo(running);
  }

  @Test
  void aForkReturningALivePidThatWasForkedBeforeIsANewProcess() {
    g.ok(t.fork(1, 300));
    String first = g.processNode("host-a", 300);
    g.ok(t.fork(1, 300));

    assertThat(g.processNode("host-a", 300)).isNotEqualTo(first);
  }

  @Test
  void aChildWhoseEventsPrecedeTheForkIsAdoptedNotDuplicated() {
    g.ok(t.exec(100, "/bin/sh", "sh"));
    ProcessInfo child =
        new ProcessInfo(
            201, null, 100, 1000L, 1000L, 1000L, 1000L, 1000L, 1L, "sh", "/bin/sh", List.of(), "/");
    t.describe(child);
    g.ok(t.path(Operation.READ, 201, "/etc/hosts"));
    String early = g.processNode("host-a", 201);
    g.ok(t.event(Operation.FORK, 100, ObjectRef.process(201), null, 201L, null));

    assertThat(g.processNode("host-a", 201)).isEqualTo(early);
    assertThat(g.edges(Operation.FORK))
        .anySatisfy(e -> assertThat(e.attributes()).doesNotContainKey("inferred"))
        .allSatisfy(e -> assertThat(e.targetNode()).isEqualTo(early));
  }

  @Test
  void threadsAreFoldedIntoTheirProcess() {
    g.ok(t.exec(100, "/usr/bin/java", "java"));
    String process = g.processNode("host-a", 100);
    GraphUpdate clone =
        g.ok(t.event(Operation.CLONE, 100, null, null, 101L, (long) Preflight.CLONE_THREAD));
    ProcessInfo thread =
        new ProcessInfo(
            100,
            101,
            1,
            1000L,
            1000L,
            1000L,
            1000L,
            1000L,
            1L,
            "java",
            "/usr/bin/java",
            List.of(),
            "/");
    g.ok(t.event(Operation.READ, thread, ObjectRef.file("/etc/hosts"), null, 10L, null, true));

    assertThat(clone.notes()).extracting(Note::code).contains(NoteCode.THREAD_FOLDED);
    assertThat(g.builder.process("host-a", 101)).isEmpty();
    assertThat(g.edges(Operation.READ))
        .singleElement()
        .extracting(Edge::targetNode)
        .isEqualTo(process);
  }

  @Test
  void aNewBootStartsNewProcesses() {
    g.ok(t.exec(100, "/bin/sh", "sh"));
    String before = ((ProcessNode) g.node(g.processNode("host-a", 100))).entityId();
    t.boot = "boot-2";
    t.sequence = 1;
    g.ok(t.exec(100, "/bin/sh", "sh"));

    assertThat(((ProcessNode) g.node(g.processNode("host-a", 100))).entityId())
        .isNotEqualTo(before);
  }

  @Test
  void aProcessFirstSeenMidLifeIsLinkedToAKnownParentByAnInferredFork() {
    g.ok(t.exec(100, "/usr/sbin/nginx", "nginx"));
    t.describe(
        new ProcessInfo(
            400, null, 100, 33L, 33L, 33L, 33L, null, null, "sh", "/bin/sh", List.of(), "/"));
    g.ok(t.path(Operation.READ, 400, "/etc/passwd"));

    assertThat(g.edges(Operation.FORK))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.sourceNode()).isEqualTo(g.processNode("host-a", 100));
              assertThat(e.targetNode()).isEqualTo(g.processNode("host-a", 400));
              assertThat(e.attributes()).containsEntry("inferred", "true");
            });
  }

  @Test
  void ancestryIsBoundedAndNearestFirst() {
    GraphConfig config =
        new GraphConfig(
            3,
            Duration.ofHours(1),
            Duration.ofMinutes(1),
            Duration.ofDays(1),
            1024,
            Duration.ofDays(1),
            Duration.ZERO,
            4096,
            8192,
            dev.whence.graph.identity.FlowScopePolicy.singleSite());
    Graph bounded = new Graph(config);
    for (int pid = 10; pid < 16; pid++) {
      bounded.ok(t.fork(pid, pid + 1));
    }
    ProcessView leaf = bounded.builder.process("host-a", 16).orElseThrow();

    assertThat(leaf.ancestors()).extracting(Ancestor::pid).containsExactly(15, 14, 13);
  }

  @Test
  void exitForgetsTheDescriptorsOfTheProcess() {
    g.ok(t.open(100, "/etc/shadow", 5, Trace.O_RDONLY));
    g.ok(t.exit(100));

    assertThat(g.state.sizes().descriptors()).isZero();
  }

  @Test
  void signalAndPtraceActOnTheTargetProcess() {
    g.ok(t.exec(100, "/usr/bin/gdb", "gdb"));
    g.ok(t.exec(200, "/usr/bin/sshd", "sshd"));
    g.ok(t.event(Operation.PTRACE, 100, ObjectRef.process(200), null, 0L, null));

    assertThat(g.edges(Operation.PTRACE))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.sourceNode()).isEqualTo(g.processNode("host-a", 100));
              assertThat(e.targetNode()).isEqualTo(g.processNode("host-a", 200));
            });
  }
}
