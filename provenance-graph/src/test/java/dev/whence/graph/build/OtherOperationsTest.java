package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.HostNode;
import dev.whence.graph.model.ModuleNode;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.PrincipalNode;
import org.junit.jupiter.api.Test;

class OtherOperationsTest {
  private final Trace t = new Trace("host-a");
  private final Graph g = new Graph();

  @Test
  void loadModuleFlowsFromTheModuleFileIntoTheModule() {
    g.ok(t.event(Operation.LOADMODULE, 100, ObjectRef.file("/tmp/rootkit.ko"), null, 0L, null));

    ModuleNode module =
        (ModuleNode)
            g.nodes.values().stream()
                .filter(ModuleNode.class::isInstance)
                .findFirst()
                .orElseThrow();
    assertThat(module.moduleName()).isEqualTo("rootkit");
    assertThat(g.edges(Operation.LOADMODULE))
        .anySatisfy(
            e -> {
              assertThat(g.node(e.sourceNode()).name()).isEqualTo("/tmp/rootkit.ko");
              assertThat(e.targetNode()).isEqualTo(module.id());
              assertThat(e.actorNode()).isEqualTo(g.processNode("host-a", 100));
            })
        .anySatisfy(
            e -> {
              assertThat(e.sourceNode()).isEqualTo(g.processNode("host-a", 100));
              assertThat(e.targetNode()).isEqualTo(module.id());
            });
  }

  @Test
  void aModuleNamedByTheEventIsUsedAsIs() {
    ObjectRef module =
        new ObjectRef(
            ObjectKind.MODULE,
            "nf_tables",
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
            null);
    g.ok(t.event(Operation.UNLOADMODULE, 100, module, null, 0L, null));

    assertThat(g.nodes.values())
        .filteredOn(ModuleNode.class::isInstance)
        .extracting(n -> n.name())
        .containsExactly("nf_tables");
  }

  @Test
  void configChangesActOnTheHost() {
    g.ok(t.event(Operation.CONFIG_CHANGE, 100, null, null, 0L, null));

    assertThat(g.node(g.edges(Operation.CONFIG_CHANGE).get(0).targetNode()))
        .isInstanceOf(HostNode.class);
  }

  @Test
  void aLoginFlowsFromTheUserIntoTheProcess() {
    g.ok(t.event(Operation.LOGIN, 100, ObjectRef.principal(1001), null, 0L, null));

    assertThat(g.node(g.edges(Operation.LOGIN).get(0).sourceNode()))
        .isInstanceOfSatisfying(PrincipalNode.class, p -> assertThat(p.uid()).isEqualTo(1001));
  }

  @Test
  void operationsWithoutInformationFlowAreNoted() {
    GraphUpdate update = g.ok(t.event(Operation.USER_COMMAND, 100, null, null, 0L, null));

    assertThat(update.edges()).isEmpty();
    assertThat(update.notes()).extracting(Note::code).containsExactly(NoteCode.NOT_MODELLED);
  }
}
