package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.Edge;
import dev.whence.graph.model.FlowNode;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.SocketNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkFlowTest {
  private final Trace a = new Trace("host-a");
  private final Trace b = new Trace("host-b");
  private final Graph g = new Graph();

  private String connectAndAccept(String addrA, String addrB) {
    g.ok(a.exec(100, "/usr/bin/ssh", "ssh"));
    g.ok(b.exec(500, "/usr/sbin/sshd", "sshd"));
    g.ok(b.socket(500, 3));
    g.ok(
        b.event(
            Operation.BIND,
            500,
            ObjectRef.socket(3, "tcp", addrB, 22, null, null),
            null,
            0L,
            null));
    g.ok(a.socket(100, 4));
    g.ok(a.connect(100, 4, addrA, 40000, addrB, 22));
    g.ok(b.accept(500, 3, 6, null, null, addrA, 40000));
    return g.edges(Operation.CONNECT).get(0).targetNode();
  }

  @Test
  void aConnectOnOneHostAndTheAcceptOnAnotherJoinInOneFlow() {
    String flow = connectAndAccept("198.51.100.7", "203.0.113.9");

    Edge accept = g.edges(Operation.ACCEPT).get(0);
    assertThat(accept.sourceNode()).isEqualTo(flow);
    assertThat(g.flows(g.processNode("host-a", 100), g.processNode("host-b", 500))).isTrue();
    FlowNode node = (FlowNode) g.node(flow);
    assertThat(node.scope()).isEqualTo("GLOBAL");
    assertThat(node.host()).isEqualTo("*");
    assertThat(node.lowEndpoint()).isEqualTo("198.51.100.7:40000");
    assertThat(node.highEndpoint()).isEqualTo("203.0.113.9:22");
  }

  @Test
  void privateAddressesJoinWithinOneSite() {
    String flow = connectAndAccept("10.0.0.1", "10.0.0.2");

    assertThat(g.edges(Operation.ACCEPT).get(0).sourceNode()).isEqualTo(flow);
    assertThat(((FlowNode) g.node(flow)).host()).isEqualTo("site:default");
  }

  @Test
  void privateAddressesOfDifferentSitesNeverJoin() {
    Graph sites =
        new Graph(GraphConfig.defaults().withFlowScope(host -> host.equals("host-a") ? "x" : "y"));
    sites.ok(a.connect(100, 4, "10.0.0.1", 40000, "10.0.0.2", 22));
    sites.ok(b.accept(500, 3, 6, "10.0.0.2", 22, "10.0.0.1", 40000));

    assertThat(sites.edges(Operation.ACCEPT).get(0).sourceNode())
        .isNotEqualTo(sites.edges(Operation.CONNECT).get(0).targetNode());
  }

  @Test
  void loopbackFlowsJoinOnOneHostButNeverAcrossHosts() {
    g.ok(a.connect(100, 4, "127.0.0.1", 40000, "127.0.0.1", 8080));
    g.ok(a.accept(200, 3, 6, "127.0.0.1", 8080, "127.0.0.1", 40000));
    g.ok(b.accept(500, 3, 6, "127.0.0.1", 8080, "127.0.0.1", 40000));

    String connect = g.edges(Operation.CONNECT).get(0).targetNode();
    assertThat(g.edges(Operation.ACCEPT).get(0).sourceNode()).isEqualTo(connect);
    assertThat(g.edges(Operation.ACCEPT).get(1).sourceNode()).isNotEqualTo(connect);
    assertThat(g.node(connect).host()).isEqualTo("host-a");
  }

  @Test
  void aFlowWithAnUnknownLocalEndpointStaysOnItsHost() {
    g.ok(a.connect(100, 4, null, 0, "203.0.113.9", 443));

    FlowNode flow = (FlowNode) g.node(g.edges(Operation.CONNECT).get(0).targetNode());
    assertThat(flow.scope()).isEqualTo("HOST");
    assertThat(flow.lowEndpoint()).isEqualTo("*");
  }

  @Test
  void sendsAndReceivesGoThroughTheConnectedFlowWhichIsEmittedOncePerDescriptor() {
    g.ok(a.socket(100, 4));
    g.ok(a.connect(100, 4, "198.51.100.7", 40000, "203.0.113.9", 443));
    GraphUpdate send = g.ok(a.onFd(Operation.SENDTO, 100, 4));
    g.ok(a.onFd(Operation.RECVFROM, 100, 4));

    String flow = g.edges(Operation.CONNECT).get(0).targetNode();
    assertThat(send.nodes()).isEmpty();
    assertThat(g.edges(Operation.SENDTO).get(0).targetNode()).isEqualTo(flow);
    assertThat(g.edges(Operation.RECVFROM).get(0).sourceNode()).isEqualTo(flow);
  }

  @Test
  void aNonBlockingConnectInProgressCountsAsAConnect() {
    g.ok(
        a.event(
            Operation.CONNECT,
            a.subject(100),
            ObjectRef.socket(4, "tcp", "198.51.100.7", 40000, "203.0.113.9", 443),
            null,
            Operations.LINUX_EINPROGRESS,
            null,
            false));

    assertThat(g.edges(Operation.CONNECT)).hasSize(1);
  }

  @Test
  void unixSocketsMeetAtTheirPath() {
    ObjectRef path =
        new ObjectRef(
            ObjectKind.SOCKET,
            "/run/docker.sock",
            null,
            null,
            3,
            "unix",
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    g.ok(b.event(Operation.BIND, 500, path, null, 0L, null));
    g.ok(
        b.event(Operation.ACCEPT, 500, ObjectRef.descriptor(ObjectKind.SOCKET, 3), null, 7L, null));
    g.ok(b.event(Operation.CONNECT, 600, path.withFd(4), null, 0L, null));

    String accepted = g.edges(Operation.ACCEPT).get(0).sourceNode();
    assertThat(g.node(accepted)).isInstanceOf(SocketNode.class);
    assertThat(g.edges(Operation.CONNECT).get(0).targetNode()).isEqualTo(accepted);
  }

  @Test
  void ipv4MappedIpv6AddressesMatchTheirIpv4Form() {
    g.ok(a.connect(100, 4, "198.51.100.7", 40000, "203.0.113.9", 22));
    g.ok(b.accept(500, 3, 6, "::ffff:203.0.113.9", 22, "::ffff:198.51.100.7", 40000));

    assertThat(g.edges(Operation.ACCEPT).get(0).sourceNode())
        .isEqualTo(g.edges(Operation.CONNECT).get(0).targetNode());
  }

  @Test
  void sendtoWithAnExplicitPeerOnAnUnconnectedSocketGoesToThatPeer() {
    g.ok(a.socket(100, 5));
    g.ok(
        a.event(
            Operation.SENDTO,
            100,
            ObjectRef.socket(5, "udp", "198.51.100.7", 5353, "203.0.113.53", 53),
            null,
            40L,
            null));

    FlowNode flow = (FlowNode) g.node(g.edges(Operation.SENDTO).get(0).targetNode());
    assertThat(flow.attributes()).containsAllEntriesOf(Map.of("protocol", "udp"));
    assertThat(flow.highEndpoint()).isEqualTo("203.0.113.53:53");
  }
}
