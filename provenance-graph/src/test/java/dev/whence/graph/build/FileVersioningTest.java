package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.Edge;
import dev.whence.graph.model.FileNode;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileVersioningTest {
  private final Trace t = new Trace("host-a");
  private final Graph g = new Graph();

  private FileNode fileOf(String nodeId) {
    return (FileNode) g.node(nodeId);
  }

  @Test
  void aWriteAfterARead_createsANewVersionSoTheEarlierReaderDoesNotInheritIt() {
    g.ok(t.open(100, "/srv/data", 3, Trace.O_RDONLY));
    g.ok(t.open(200, "/srv/data", 4, Trace.O_WRONLY));

    Edge read = g.edges(Operation.OPEN).get(0);
    List<Edge> writes = g.edges(Operation.OPEN).subList(1, g.edges(Operation.OPEN).size());
    FileNode v0 = fileOf(read.sourceNode());
    assertThat(v0.version()).isZero();
    assertThat(writes)
        .anySatisfy(
            e -> {
              assertThat(e.sourceNode()).isEqualTo(g.processNode("host-a", 200));
              assertThat(fileOf(e.targetNode()).version()).isEqualTo(1);
              assertThat(fileOf(e.targetNode()).entityId()).isEqualTo(v0.entityId());
            });
    assertThat(writes)
        .anySatisfy(e -> assertThat(e.sourceNode()).isEqualTo(v0.id()))
        .allSatisfy(e -> assertThat(e.targetNode()).isNotEqualTo(v0.id()));
    assertThat(g.flows(g.processNode("host-a", 200), g.processNode("host-a", 100))).isFalse();
  }

  @Test
  void sinkDevicesCarryNothingFromWritersToReaders() {
    g.ok(t.open(100, "/dev/null", 3, Trace.O_WRONLY));
    g.ok(t.onFd(Operation.WRITE, 100, 3));
    g.ok(t.open(200, "/dev/null", 4, Trace.O_RDWR));
    g.ok(t.onFd(Operation.READ, 200, 4));

    assertThat(g.edges).allSatisfy(e -> assertThat(e.attributes()).containsEntry("flow", "none"));
    assertThat(g.nodes.values()).filteredOn(FileNode.class::isInstance).hasSize(1);
    assertThat(g.flows(g.processNode("host-a", 100), g.processNode("host-a", 200))).isFalse();
  }

  @Test
  void repeatedWritesOfOneProcessWithNoReaderInBetweenStayInOneVersion() {
    g.ok(t.open(100, "/var/log/app.log", 3, Trace.O_WRONLY));
    for (int i = 0; i < 5; i++) {
      g.ok(t.onFd(Operation.WRITE, 100, 3));
    }

    assertThat(g.edges(Operation.WRITE))
        .extracting(Edge::targetNode)
        .containsOnly(g.edges(Operation.OPEN).get(0).targetNode());
    assertThat(g.nodes.values()).filteredOn(FileNode.class::isInstance).hasSize(1);
  }

  @Test
  void aReadAfterAWriteSeesTheWrittenVersion() {
    g.ok(t.open(100, "/tmp/x", 3, Trace.O_WRONLY));
    g.ok(t.onFd(Operation.WRITE, 100, 3));
    g.ok(t.open(200, "/tmp/x", 4, Trace.O_RDONLY));

    assertThat(g.flows(g.processNode("host-a", 100), g.processNode("host-a", 200))).isTrue();
  }

  @Test
  void readWriteOpenReadsTheCurrentVersionAndWritesTheNext() {
    g.ok(t.open(100, "/etc/hosts", 3, Trace.O_RDWR));

    List<Edge> opens = g.edges(Operation.OPEN);
    String process = g.processNode("host-a", 100);
    assertThat(opens)
        .anySatisfy(
            e -> {
              assertThat(e.targetNode()).isEqualTo(process);
              assertThat(fileOf(e.sourceNode()).version()).isZero();
            });
    assertThat(opens)
        .anySatisfy(
            e -> {
              assertThat(e.sourceNode()).isEqualTo(process);
              assertThat(fileOf(e.targetNode()).version()).isEqualTo(1);
            });
  }

  @Test
  void renameKeepsTheEntityUnderItsNewNameAndLinksOldVersionToNew() {
    g.ok(t.open(100, "/tmp/dl.part", 3, Trace.O_WRONLY));
    String written = g.edges(Operation.OPEN).get(0).targetNode();
    g.ok(t.rename(Operation.RENAME, 100, "/tmp/dl.part", "/usr/local/bin/tool"));
    g.ok(t.exec(200, "/usr/local/bin/tool", "tool"));

    Edge rename = g.edges(Operation.RENAME).get(0);
    assertThat(rename.sourceNode()).isEqualTo(written);
    assertThat(rename.actorNode()).isEqualTo(g.processNode("host-a", 100));
    FileNode renamed = fileOf(rename.targetNode());
    assertThat(renamed.path()).isEqualTo("/usr/local/bin/tool");
    assertThat(renamed.entityId()).isEqualTo(fileOf(written).entityId());
    assertThat(g.flows(g.processNode("host-a", 100), g.processNode("host-a", 200))).isTrue();
  }

  @Test
  void afterARenameTheOldNameIsANewFileButAfterALinkBothNamesAreOneFile() {
    g.ok(t.open(100, "/data/a", 3, Trace.O_WRONLY));
    String entity = fileOf(g.edges.get(0).targetNode()).entityId();
    g.ok(t.rename(Operation.LINK, 100, "/data/a", "/data/b"));
    g.ok(t.open(100, "/data/b", 4, Trace.O_RDONLY));
    g.ok(t.rename(Operation.RENAME, 100, "/data/a", "/data/c"));
    g.ok(t.open(100, "/data/a", 5, Trace.O_RDONLY));

    List<Edge> opens = g.edges(Operation.OPEN);
    assertThat(fileOf(opens.get(1).sourceNode()).entityId()).isEqualTo(entity);
    assertThat(fileOf(opens.get(2).sourceNode()).entityId()).isNotEqualTo(entity);
  }

  @Test
  void theSameInodeUnderTwoPathsIsOneEntity() {
    g.ok(t.openInode(100, "/home/u/.ssh/authorized_keys", 77, 3, Trace.O_RDONLY));
    g.ok(t.openInode(100, "/root/keys", 77, 4, Trace.O_RDONLY));

    List<Edge> opens = g.edges(Operation.OPEN);
    assertThat(opens.get(0).sourceNode()).isEqualTo(opens.get(1).sourceNode());
  }

  @Test
  void aReadWriteOpenThroughAKnownDescriptorAlsoWritesANewVersion() {
    g.ok(t.open(100, "/srv/db", 3, Trace.O_WRONLY));
    g.ok(
        t.event(
            Operation.OPEN, 100, ObjectRef.descriptor(ObjectKind.FILE, 3), null, 4L, Trace.O_RDWR));

    Edge write = g.edges(Operation.OPEN).get(g.edges(Operation.OPEN).size() - 1);
    assertThat(fileOf(write.targetNode()).version()).isEqualTo(1);
  }

  @Test
  void relativePathsAreResolvedAgainstTheWorkingDirectory() {
    g.ok(t.open(100, "../user/./notes.txt", 3, Trace.O_RDONLY));

    assertThat(fileOf(g.edges.get(0).sourceNode()).path()).isEqualTo("/home/user/notes.txt");
  }

  @Test
  void unlinkIsAnActionOnTheFileAndForgetsTheName() {
    g.ok(t.open(100, "/var/log/auth.log", 3, Trace.O_RDONLY));
    String entity = fileOf(g.edges.get(0).sourceNode()).entityId();
    g.ok(t.path(Operation.UNLINK, 100, "/var/log/auth.log"));

    Edge unlink = g.edges(Operation.UNLINK).get(0);
    assertThat(unlink.sourceNode()).isEqualTo(g.processNode("host-a", 100));
    assertThat(fileOf(unlink.targetNode()).entityId()).isEqualTo(entity);
    assertThat(g.state.alias(new dev.whence.graph.state.AliasKey("host-a", "/var/log/auth.log")))
        .isEmpty();
  }

  @Test
  void attributeChangesAndTruncationCreateVersions() {
    g.ok(t.open(100, "/etc/cron.d/job", 3, Trace.O_RDONLY));
    g.ok(t.path(Operation.MODIFY_FILE_ATTRIBUTES, 200, "/etc/cron.d/job"));
    g.ok(t.event(Operation.TRUNCATE, 200, ObjectRef.file("/etc/cron.d/job"), null, 0L, null));

    assertThat(g.nodes.values())
        .filteredOn(FileNode.class::isInstance)
        .extracting(n -> n.version())
        .containsExactly(0, 1);
  }

  @Test
  void symlinkCreatesAFileLinkedFromTheTarget() {
    g.ok(t.open(100, "/etc/shadow", 3, Trace.O_RDONLY));
    g.ok(
        t.event(
            Operation.LINK,
            100,
            ObjectRef.file("/etc/shadow"),
            new ObjectRef(
                dev.whence.graph.model.ObjectKind.SYMLINK,
                "/tmp/s",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null),
            0L,
            null));

    Edge link = g.edges(Operation.LINK).get(0);
    assertThat(fileOf(link.sourceNode()).path()).isEqualTo("/etc/shadow");
    assertThat(fileOf(link.targetNode()).path()).isEqualTo("/tmp/s");
  }
}
