package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.build.RandomTraces.Action;
import dev.whence.graph.model.Edge;
import dev.whence.graph.model.FileNode;
import dev.whence.graph.model.Node;
import dev.whence.graph.model.ProcessNode;
import dev.whence.graph.model.SystemEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GraphBuilderPropertiesTest {

  @Provide
  Arbitrary<List<Action>> traces() {
    return RandomTraces.actions(80);
  }

  @Provide
  Arbitrary<List<Integer>> picks() {
    return Arbitraries.integers().between(0, 1000).list().ofMaxSize(40);
  }

  /** What a run produced: nodes by id (earliest first-seen kept) and edges in order. */
  record Result(Map<String, Node> nodes, List<Edge> edges, List<Rejection> rejections) {}

  static Result run(List<SystemEvent> events) {
    Graph g = new Graph();
    List<Rejection> rejections = new ArrayList<>();
    Map<String, Node> nodes = new HashMap<>();
    for (SystemEvent e : events) {
      GraphUpdate u = g.apply(e);
      if (u.rejection() != null) {
        rejections.add(u.rejection());
      }
      for (Node n : u.nodes()) {
        Node known = nodes.get(n.id());
        if (known != null) {
          assertThat(content(n)).as("content of node %s", n.id()).isEqualTo(content(known));
        }
        nodes.merge(n.id(), n, Graph::earliest);
      }
    }
    return new Result(nodes, g.edges, rejections);
  }

  static List<Object> content(Node n) {
    return List.of(
        n.kind(), n.entityId(), n.host(), n.version(), Objects.toString(n.name()), n.attributes());
  }

  @Property(tries = 400)
  void duplicatedEventsChangeNothing(
      @ForAll("traces") List<Action> actions, @ForAll("picks") List<Integer> picks) {
    List<SystemEvent> events = RandomTraces.events("host-a", actions);
    List<SystemEvent> withDuplicates = new ArrayList<>(events);
    for (int pick : picks) {
      if (events.isEmpty()) {
        break;
      }
      SystemEvent original = events.get(pick % events.size());
      int first = withDuplicates.indexOf(original);
      int at = first + 1 + (pick / 7) % (withDuplicates.size() - first);
      withDuplicates.add(at, original);
    }

    Result once = run(events);
    Result duplicated = run(withDuplicates);

    assertThat(duplicated.nodes()).isEqualTo(once.nodes());
    assertThat(duplicated.edges()).isEqualTo(once.edges());
    assertThat(duplicated.rejections()).isEqualTo(once.rejections());
  }

  @Property(tries = 400)
  void replayingTheWholeStreamOnTheSameStateAddsNothing(@ForAll("traces") List<Action> actions) {
    List<SystemEvent> events = RandomTraces.events("host-a", actions);
    Graph g = new Graph();
    events.forEach(g::apply);
    int nodes = g.nodes.size();
    int edges = g.edges.size();

    for (SystemEvent e : events) {
      GraphUpdate again = g.apply(e);
      assertThat(again.nodes()).isEmpty();
      assertThat(again.edges()).isEmpty();
    }
    assertThat(g.nodes).hasSize(nodes);
    assertThat(g.edges).hasSize(edges);
  }

  @Property(tries = 400)
  void everyEdgeEndsAtEmittedNodesAndNothingFailsInternally(
      @ForAll("traces") List<Action> actions) {
    Graph g = new Graph();
    Set<String> emitted = new HashSet<>();
    for (SystemEvent e : RandomTraces.events("host-a", actions)) {
      GraphUpdate u = g.apply(e);
      assertThat(u.rejection() == null ? null : u.rejection().code())
          .isNotEqualTo(RejectionCode.INTERNAL_ERROR);
      u.nodes().forEach(n -> emitted.add(n.id()));
      for (Edge edge : u.edges()) {
        assertThat(emitted).contains(edge.sourceNode(), edge.targetNode());
        if (edge.actorNode() != null) {
          assertThat(emitted).contains(edge.actorNode());
        }
      }
      if (u.subject() != null) {
        assertThat(emitted).contains(u.subject().nodeId());
        u.subject().ancestors().forEach(a -> assertThat(emitted).contains(a.nodeId()));
      }
    }
  }

  @Property(tries = 400)
  void noFileVersionIsWrittenAfterSomeoneReadIt(@ForAll("traces") List<Action> actions) {
    Graph g = new Graph();
    Set<String> readVersions = new HashSet<>();
    for (SystemEvent e : RandomTraces.events("host-a", actions)) {
      for (Edge edge : g.apply(e).edges()) {
        Node from = g.node(edge.sourceNode());
        Node to = g.node(edge.targetNode());
        if (from instanceof FileNode && to instanceof ProcessNode) {
          readVersions.add(from.id());
        }
        if (to instanceof FileNode) {
          assertThat(readVersions).as("%s written after a read", to).doesNotContain(to.id());
        }
      }
    }
  }

  @Property(tries = 400)
  void interleavingTwoHostsInAnyOrderGivesTheSameGraph(
      @ForAll("traces") List<Action> hostA,
      @ForAll("traces") List<Action> hostB,
      @ForAll("picks") List<Integer> order) {
    List<SystemEvent> a = RandomTraces.events("host-a", hostA);
    List<SystemEvent> b = RandomTraces.events("host-b", hostB);
    List<SystemEvent> sequential = new ArrayList<>(a);
    sequential.addAll(b);
    List<SystemEvent> interleaved = new ArrayList<>();
    Iterator<SystemEvent> ia = a.iterator();
    Iterator<SystemEvent> ib = b.iterator();
    Iterator<Integer> choice = order.iterator();
    while (ia.hasNext() || ib.hasNext()) {
      boolean takeA =
          !ib.hasNext() || (ia.hasNext() && (!choice.hasNext() || choice.next() % 2 == 0));
      interleaved.add(takeA ? ia.next() : ib.next());
    }

    Result reference = run(sequential);
    Result shuffled = run(interleaved);

    assertThat(shuffled.nodes()).isEqualTo(reference.nodes());
    assertThat(new HashSet<>(shuffled.edges())).isEqualTo(new HashSet<>(reference.edges()));
  }
}
