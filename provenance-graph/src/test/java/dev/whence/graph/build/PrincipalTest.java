package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.Edge;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.PrincipalNode;
import dev.whence.graph.model.ProcessNode;
import org.junit.jupiter.api.Test;

class PrincipalTest {
  private final Trace t = new Trace("host-a");
  private final Graph g = new Graph();

  @Test
  void changePrincipalStartsANewImageFedByThePrincipal() {
    g.ok(t.exec(100, "/usr/bin/sudo", "sudo"));
    String before = g.processNode("host-a", 100);
    g.ok(t.setUids(100, 0, 0, Operation.CHANGE_PRINCIPAL));

    String after = g.processNode("host-a", 100);
    assertThat(after).isNotEqualTo(before);
    assertThat(((ProcessNode) g.node(after)).euid()).isZero();
    assertThat(g.edges(Operation.CHANGE_PRINCIPAL))
        .anySatisfy(
            e -> {
              assertThat(g.node(e.sourceNode())).isInstanceOf(PrincipalNode.class);
              assertThat(((PrincipalNode) g.node(e.sourceNode())).uid()).isZero();
              assertThat(e.targetNode()).isEqualTo(after);
              assertThat(e.attributes()).doesNotContainKey("inferred");
            })
        .anySatisfy(
            e -> {
              assertThat(e.sourceNode()).isEqualTo(before);
              assertThat(e.targetNode()).isEqualTo(after);
            });
  }

  @Test
  void aUidChangeSeenWithoutAPrivilegeEventIsRecordedAsInferred() {
    g.ok(t.exec(100, "/opt/exploit", "exploit"));
    t.setUids(100, 0, 0, Operation.OTHER);
    g.ok(t.path(Operation.READ, 100, "/etc/shadow"));

    assertThat(g.edges(Operation.CHANGE_PRINCIPAL))
        .anySatisfy(e -> assertThat(e.attributes()).containsEntry("inferred", "true"));
    Edge read = g.edges(Operation.READ).get(0);
    assertThat(((ProcessNode) g.node(read.targetNode())).uid()).isZero();
  }

  @Test
  void aSetuidExecIsAPrincipalChangeViaExec() {
    g.ok(t.exec(100, "/bin/bash", "bash"));
    t.setUids(100, 1000, 0, Operation.OTHER);
    g.ok(t.exec(100, "/usr/bin/passwd", "passwd"));

    assertThat(g.edges(Operation.CHANGE_PRINCIPAL))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.attributes()).containsEntry("via", "exec");
              assertThat(e.targetNode()).isEqualTo(g.processNode("host-a", 100));
            });
  }

  @Test
  void principalsAreHostScoped() {
    Trace other = new Trace("host-b");
    g.ok(t.setUids(100, 0, 0, Operation.CHANGE_PRINCIPAL));
    g.ok(other.setUids(100, 0, 0, Operation.CHANGE_PRINCIPAL));

    assertThat(g.nodes.values()).filteredOn(PrincipalNode.class::isInstance).hasSize(2);
  }
}
