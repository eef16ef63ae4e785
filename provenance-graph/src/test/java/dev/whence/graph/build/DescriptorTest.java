package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.Edge;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.PipeNode;
import org.junit.jupiter.api.Test;

class DescriptorTest {
  private final Trace t = new Trace("host-a");
  private final Graph g = new Graph();

  @Test
  void readsAndWritesThroughADescriptorReachTheOpenedFile() {
    g.ok(t.open(100, "/etc/passwd", 3, Trace.O_RDONLY));
    g.ok(t.onFd(Operation.READ, 100, 3));

    Edge read = g.edges(Operation.READ).get(0);
    assertThat(g.node(read.sourceNode()).name()).isEqualTo("/etc/passwd");
    assertThat(read.targetNode()).isEqualTo(g.processNode("host-a", 100));
    assertThat(read.attributes()).containsEntry("size", "64");
  }

  @Test
  void aForkedChildInheritsTheDescriptorTable() {
    g.ok(t.open(100, "/etc/passwd", 3, Trace.O_RDONLY));
    g.ok(t.fork(100, 200));
    g.ok(t.onFd(Operation.READ, 200, 3));

    assertThat(g.edges(Operation.READ))
        .singleElement()
        .extracting(Edge::targetNode)
        .isEqualTo(g.processNode("host-a", 200));
  }

  @Test
  void closeForgetsTheDescriptorSoALaterUseIsRejectedWithTheReason() {
    g.ok(t.open(100, "/etc/passwd", 3, Trace.O_RDONLY));
    g.ok(t.close(100, 3));
    GraphUpdate read = g.apply(t.onFd(Operation.READ, 100, 3));

    assertThat(read.rejection().code()).isEqualTo(RejectionCode.UNRESOLVED_DESCRIPTOR);
    assertThat(read.rejection().reason()).contains("descriptor 3").contains("pid 100");
  }

  @Test
  void dupMakesTheNewDescriptorReferToTheSameObject() {
    g.ok(t.socket(100, 3));
    g.ok(t.connect(100, 3, "192.0.2.10", 40000, "203.0.113.5", 4444));
    g.ok(t.dup(100, 3, 0));
    g.ok(t.onFd(Operation.READ, 100, 0));

    Edge connect = g.edges(Operation.CONNECT).get(0);
    assertThat(g.edges(Operation.READ))
        .singleElement()
        .extracting(Edge::sourceNode)
        .isEqualTo(connect.targetNode());
  }

  @Test
  void aPipeCarriesDataFromTheWriterToTheReader() {
    g.ok(t.pipe(100, 3, 4));
    g.ok(t.fork(100, 200));
    g.ok(t.onFd(Operation.WRITE, 100, 4));
    g.ok(t.onFd(Operation.READ, 200, 3));

    String pipe = g.edges(Operation.WRITE).get(0).targetNode();
    assertThat(g.node(pipe)).isInstanceOf(PipeNode.class);
    assertThat(g.flows(g.processNode("host-a", 100), g.processNode("host-a", 200))).isTrue();
  }

  @Test
  void descriptorsOfAnEarlierProcessWithTheSamePidAreNotInherited() {
    g.ok(t.open(300, "/etc/passwd", 3, Trace.O_RDONLY));
    g.ok(t.exit(300));
    g.ok(t.fork(1, 300));
    GraphUpdate read = g.apply(t.onFd(Operation.READ, 300, 3));

    assertThat(read.rejection().code()).isEqualTo(RejectionCode.UNRESOLVED_DESCRIPTOR);
  }

  @Test
  void aDescriptorWithAPathFallsBackToThePathWhenUnknown() {
    g.ok(
        t.event(
            Operation.READ,
            100,
            new ObjectRef(
                ObjectKind.FILE,
                "/etc/hosts",
                null,
                null,
                9,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null),
            null,
            12L,
            null));

    assertThat(g.node(g.edges(Operation.READ).get(0).sourceNode()).name()).isEqualTo("/etc/hosts");
  }

  /**
   * The standard audit profile records neither close nor opens for reading: descriptor 3, bound to
   * a file opened for writing, can be closed and reused unseen. An fchmod on it names its file by
   * inode (audit's PATH record); that file, not the stale binding, gets the change, and later
   * operations on the descriptor that name nothing follow the new binding.
   */
  @Test
  void aDescriptorReusedUnseenFollowsTheFileTheEventNames() {
    g.ok(t.openInode(100, "/tmp/out", 11, 3, Trace.O_WRONLY));
    GraphUpdate fchmod =
        g.ok(t.event(Operation.MODIFY_FILE_ATTRIBUTES, 100, byInode(3, 22), null, 0L, 0755L));
    g.ok(t.onFd(Operation.MMAP, 100, 3));

    Edge changed = g.edges(Operation.MODIFY_FILE_ATTRIBUTES).get(0);
    Edge mapped = g.edges(Operation.MMAP).get(0);
    String out = g.edges(Operation.OPEN).get(0).targetNode();
    assertThat(g.node(changed.targetNode()).name()).isNotEqualTo("/tmp/out");
    assertThat(mapped.sourceNode()).isNotEqualTo(out);
    assertThat(g.node(mapped.sourceNode()).id()).isEqualTo(g.node(changed.targetNode()).id());
    assertThat(fchmod.notes()).extracting(Note::code).contains(NoteCode.REUSED_DESCRIPTOR);
  }

  @Test
  void anEventNamingTheDescriptorsOwnFileGoesThroughTheDescriptor() {
    g.ok(t.openInode(100, "/tmp/out", 11, 3, Trace.O_WRONLY));
    GraphUpdate fchmod =
        g.ok(t.event(Operation.MODIFY_FILE_ATTRIBUTES, 100, byInode(3, 11), null, 0L, 0755L));

    Edge changed = g.edges(Operation.MODIFY_FILE_ATTRIBUTES).get(0);
    assertThat(g.node(changed.targetNode()).name()).isEqualTo("/tmp/out");
    assertThat(fchmod.notes()).extracting(Note::code).doesNotContain(NoteCode.REUSED_DESCRIPTOR);
  }

  private static ObjectRef byInode(int fd, long inode) {
    return new ObjectRef(
        ObjectKind.FILE, null, inode, "8:1", fd, null, null, null, null, null, null, null, null);
  }

  @Test
  void anonymousMappingsAreIgnoredAndFileMappingsAreReads() {
    g.ok(t.event(Operation.MMAP, 100, null, null, 0L, null));
    g.ok(t.open(100, "/usr/lib/libc.so.6", 3, Trace.O_RDONLY));
    g.ok(t.onFd(Operation.MMAP, 100, 3));

    assertThat(g.edges(Operation.MMAP))
        .singleElement()
        .satisfies(e -> assertThat(g.node(e.sourceNode()).name()).isEqualTo("/usr/lib/libc.so.6"));
  }
}
