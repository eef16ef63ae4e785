package dev.whence.graph.detect;

import static dev.whence.graph.model.Operation.ACCEPT;
import static dev.whence.graph.model.Operation.CONNECT;
import static dev.whence.graph.model.Operation.CREATE_OBJECT;
import static dev.whence.graph.model.Operation.DUP;
import static dev.whence.graph.model.Operation.EXECUTE;
import static dev.whence.graph.model.Operation.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.ObjectRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorLinkTest {
  static final Duration MINUTE = Duration.ofMinutes(1);

  static Rule downloadExecute() {
    return S.rule(
        "download-execute",
        MINUTE,
        S.on("network", CONNECT, ACCEPT).address(AddressClass.PRIVATE, AddressClass.PUBLIC),
        S.on("execute", EXECUTE).link(LinkKind.FLOW).from(FlowOrigin.OBJECT));
  }

  @Test
  void flowLinkFollowsTheFileFromTheDownloaderToTheExec() {
    Harness h = new Harness(downloadExecute());
    Events t = new Events("h1");
    t.describe(10, "/usr/bin/curl", 0, "curl", "http://203.0.113.7/x");
    h.feed(t.connect(10, 5, "203.0.113.7", 80), t.write(10, "/tmp/x", 6), t.fork(1, 11));
    List<AlertUpdate> alerts = h.feed(t.exec(11, "/tmp/x", "/tmp/x"));

    assertThat(alerts).hasSize(1);
    AlertUpdate a = alerts.get(0);
    assertThat(a.ruleId()).isEqualTo("download-execute");
    assertThat(a.techniques()).containsExactly("T1059.004");
    assertThat(a.chain()).extracting(ChainStep::operation).containsExactly(CONNECT, EXECUTE);
    assertThat(a.chain().get(0).subject().exe()).isEqualTo("/usr/bin/curl");
    assertThat(a.chain().get(1).object().name()).isEqualTo("/tmp/x");
    assertThat(a.id()).isEqualTo(Detector.alertId("download-execute", a.chain().get(0).eventId()));
    assertThat(a.firstSeenNanos()).isLessThan(a.lastSeenNanos());
  }

  @Test
  void flowLinkIgnoresAFileTheDownloaderDidNotWrite() {
    Harness h = new Harness(downloadExecute());
    Events t = new Events("h1");
    h.feed(t.connect(10, 5, "203.0.113.7", 80), t.write(10, "/tmp/x", 6), t.fork(1, 11));
    assertThat(h.feed(t.exec(11, "/tmp/other", "/tmp/other"))).isEmpty();
  }

  @Test
  void flowFromObjectIgnoresInformationThatOnlyReachedTheProcess() {
    Harness h = new Harness(downloadExecute());
    Events t = new Events("h1");
    h.feed(t.connect(10, 5, "203.0.113.7", 80));
    assertThat(h.feed(t.exec(10, "/usr/bin/bash", "bash"))).isEmpty();
  }

  static Rule reverseShell() {
    return S.rule(
        "reverse-shell",
        MINUTE,
        S.on("connect", CONNECT).address(AddressClass.PRIVATE, AddressClass.PUBLIC),
        S.on("dup", DUP).fd(0, 1).link(LinkKind.SAME_PROCESS),
        S.on("shell", EXECUTE).exe("**/bash", "**/sh").link(LinkKind.SAME_PROCESS));
  }

  @Test
  void sameProcessLinkAcrossExec() {
    Harness h = new Harness(reverseShell());
    Events t = new Events("h1");
    h.feed(t.exec(20, "/usr/bin/python3", "python3"), t.connect(20, 3, "10.1.2.3", 4444));
    h.feed(t.dup(20, 3, 0), t.dup(20, 3, 1));
    List<AlertUpdate> alerts = h.feed(t.exec(20, "/bin/sh", "sh", "-i"));
    assertThat(alerts).singleElement().satisfies(a -> assertThat(a.chain()).hasSize(3));
  }

  @Test
  void sameProcessLinkRefusesAnotherProcess() {
    Harness h = new Harness(reverseShell());
    Events t = new Events("h1");
    h.feed(t.connect(20, 3, "10.1.2.3", 4444), t.fork(1, 21), t.dup(21, 3, 0));
    assertThat(h.feed(t.exec(21, "/bin/sh", "sh", "-i"))).isEmpty();
  }

  @Test
  void loopbackConnectionsDoNotStartTheChain() {
    Harness h = new Harness(reverseShell());
    Events t = new Events("h1");
    h.feed(t.connect(20, 3, "127.0.0.1", 4444), t.dup(20, 3, 0));
    assertThat(h.feed(t.exec(20, "/bin/sh", "sh"))).isEmpty();
  }

  static Rule webShell() {
    return S.rule(
        "web-shell",
        MINUTE,
        S.on("accept", ACCEPT),
        S.on("shell", EXECUTE).exe("**/sh", "**/bash").link(LinkKind.DESCENDANT));
  }

  @Test
  void descendantLinkReachesGrandchildren() {
    Harness h = new Harness(webShell());
    Events t = new Events("h1");
    h.feed(
        t.exec(30, "/usr/bin/python3", "python3", "-m", "http.server"),
        t.accept(30, 3, 4, "10.0.0.1", 8080, "10.0.0.2", 50000),
        t.fork(30, 31),
        t.fork(31, 32));
    assertThat(h.feed(t.exec(32, "/bin/sh", "sh", "-c", "id"))).hasSize(1);
  }

  @Test
  void descendantLinkIgnoresSiblings() {
    Harness h = new Harness(webShell());
    Events t = new Events("h1");
    h.feed(t.fork(1, 30), t.fork(1, 33), t.accept(30, 3, 4, "10.0.0.1", 8080, "10.0.0.2", 5000));
    assertThat(h.feed(t.exec(33, "/bin/sh", "sh"))).isEmpty();
  }

  static Rule install() {
    return S.rule(
        "install",
        MINUTE,
        S.on("network", CONNECT).address(AddressClass.PUBLIC),
        S.on("download", OPEN, CREATE_OBJECT)
            .access(Access.WRITE)
            .link(LinkKind.FLOW)
            .from(FlowOrigin.SUBJECT),
        S.on("install", OPEN, CREATE_OBJECT)
            .access(Access.WRITE)
            .path("/usr/local/bin/**")
            .link(LinkKind.FLOW, LinkKind.NAMED_IN_ARGV));
  }

  @Test
  void namedInArgvLinksACopyWhoseReadWasNotRecorded() {
    Harness h = new Harness(install());
    Events t = new Events("h1");
    h.feed(t.connect(40, 5, "203.0.113.7", 80), t.write(40, "/tmp/tool", 6), t.fork(1, 41));
    h.feed(t.exec(41, "/usr/bin/cp", "cp", "/tmp/tool", "/usr/local/bin/tool"));
    List<AlertUpdate> alerts = h.feed(t.write(41, "/usr/local/bin/tool", 4));
    assertThat(alerts).singleElement().satisfies(a -> assertThat(a.chain()).hasSize(3));
  }

  @Test
  void namedInArgvNeedsThePathInTheCommandLine() {
    Harness h = new Harness(install());
    Events t = new Events("h1");
    h.feed(t.connect(40, 5, "203.0.113.7", 80), t.write(40, "/tmp/tool", 6), t.fork(1, 41));
    h.feed(t.exec(41, "/usr/bin/cp", "cp", "/tmp/other", "/usr/local/bin/tool"));
    assertThat(h.feed(t.write(41, "/usr/local/bin/tool", 4))).isEmpty();
  }

  static Rule lateral() {
    return S.rule(
        "lateral",
        MINUTE,
        S.on("connect", CONNECT).address(AddressClass.PRIVATE),
        S.on("accept", ACCEPT).link(LinkKind.FLOW).from(FlowOrigin.OBJECT).otherHost(),
        S.on("execute", EXECUTE).link(LinkKind.DESCENDANT));
  }

  @Test
  void flowsStitchAcrossHostsForLateralMovement() {
    Harness h = new Harness(lateral());
    Events a = new Events("host-a");
    Events b = new Events("host-b");
    h.feed(a.connectFrom(50, 3, "10.0.0.1", 40001, "10.0.0.2", 22));
    b.time = a.time;
    h.feed(b.accept(60, 3, 4, "10.0.0.2", 22, "10.0.0.1", 40001), b.fork(60, 61));
    List<AlertUpdate> alerts = h.feed(b.exec(61, "/bin/bash", "bash"));
    assertThat(alerts).singleElement().satisfies(al -> assertThat(al.host()).isEqualTo("host-b"));
  }

  @Test
  void aConnectionWithinOneHostIsNoLateralMovement() {
    Harness h = new Harness(lateral());
    Events a = new Events("host-a");
    h.feed(a.connectFrom(50, 3, "10.0.0.1", 40001, "10.0.0.2", 22));
    h.feed(a.accept(60, 3, 4, "10.0.0.2", 22, "10.0.0.1", 40001), a.fork(60, 61));
    assertThat(h.feed(a.exec(61, "/bin/bash", "bash"))).isEmpty();
  }

  @Test
  void unixSocketsHaveNoAddressClass() {
    assertThat(AddressClass.of("unix", "/var/run/nscd/socket")).isNull();
    assertThat(AddressClass.of("inet", "10.203.0.2")).isEqualTo(AddressClass.PRIVATE);
    assertThat(AddressClass.of("inet", "8.8.8.8")).isEqualTo(AddressClass.PUBLIC);
    assertThat(AddressClass.of("inet6", "::1")).isEqualTo(AddressClass.LOOPBACK);
    assertThat(AddressClass.of(null, "localhost")).isNull();
    assertThat(ObjectRef.file("/x").kind()).isNotNull();
  }
}
