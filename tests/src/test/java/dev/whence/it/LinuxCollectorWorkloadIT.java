package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.Operation;
import dev.whence.collector.linux.live.ListeningSocketSeeds;
import dev.whence.it.support.HostAuditState;
import dev.whence.it.support.InProcessCollector;
import dev.whence.it.support.TestBroker;
import dev.whence.it.support.WhenceTopicReader;
import dev.whence.schemas.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector on the real kernel audit (netlink mode, in this JVM) and a real broker: a scripted
 * workload's exec, open for write, connect and rename reach {@code whence.events} with their
 * subject and objects. (Only an exec's argv is asserted: for other system calls argv comes from the
 * kernel's PROCTITLE record, which this kernel caches per task and does not refresh after a later
 * execve by the same pid, so it can show the pre-exec command line.)
 */
class LinuxCollectorWorkloadIT {

  private static final String HOST = "it-workload";

  @TempDir Path tmp;
  private HostAuditState before;
  private TestBroker broker;

  @BeforeEach
  void setUp() throws Exception {
    HostAuditState.assumeLiveAudit();
    before = HostAuditState.read();
    broker = TestBroker.start(tmp.resolve("broker"));
    WhenceTopicReader.createCollectorTopics(broker.bootstrapServers());
  }

  @AfterEach
  void restoreHost() {
    if (broker != null) {
      broker.close();
    }
    if (before != null) {
      HostAuditState after = HostAuditState.read();
      before.forceBack();
      assertThat(after).as("host audit settings after the test").isEqualTo(before);
    }
  }

  @Test
  void workloadEventsCarryTheirSubjectsAndObjects() throws Exception {
    String marker = "whence-it-" + UUID.randomUUID();
    Path dir = Files.createDirectories(tmp.resolve("work"));
    Path written = dir.resolve("written-" + marker + ".txt");
    Path renamed = dir.resolve("renamed-" + marker + ".txt");
    Path pidFile = dir.resolve("shell.pid");
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        InProcessCollector collector =
            InProcessCollector.netlink(tmp.resolve("data"), broker.bootstrapServers(), HOST)) {
      Thread acceptor =
          new Thread(
              () -> {
                try (Socket s = listener.accept()) {
                  s.getInputStream().read();
                } catch (Exception ignored) {
                  // the client closes at once
                }
              });
      acceptor.start();
      int port = listener.getLocalPort();
      String script =
          "echo $$ > "
              + pidFile
              + "\n/bin/echo "
              + marker
              + "\n: > "
              + written
              + "\nexec 3<>/dev/tcp/127.0.0.1/"
              + port
              + "\nexec 3>&-\n/bin/mv "
              + written
              + " "
              + renamed
              + "\n";
      Process shell = new ProcessBuilder("/bin/bash", "-c", script).inheritIO().start();
      assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(shell.exitValue()).isZero();
      acceptor.join(5_000);
      int shellPid = Integer.parseInt(Files.readString(pidFile).strip());

      Predicate<Event> exec =
          e ->
              e.getOperation() == Operation.EXECUTE
                  && e.getSubject().getArgv() != null
                  && e.getSubject().getArgv().stream().anyMatch(a -> a.toString().equals(marker));
      Predicate<Event> open =
          e ->
              (e.getOperation() == Operation.OPEN || e.getOperation() == Operation.CREATE_OBJECT)
                  && e.getSubject().getPid() == shellPid
                  && path(e.getObject1()).equals(written.toString());
      Predicate<Event> connect =
          e ->
              e.getOperation() == Operation.CONNECT
                  && e.getSubject().getPid() == shellPid
                  && e.getObject1() != null
                  && e.getObject1().getRemotePort() != null
                  && e.getObject1().getRemotePort() == port;
      Predicate<Event> rename =
          e ->
              e.getOperation() == Operation.RENAME
                  && path(e.getObject2()).equals(renamed.toString());
      long self = ProcessHandle.current().pid();
      Predicate<Event> seededBind =
          e ->
              e.getOperation() == Operation.BIND
                  && e.getSubject().getPid() == self
                  && e.getObject1() != null
                  && e.getObject1().getLocalPort() != null
                  && e.getObject1().getLocalPort() == port;
      List<Event> events =
          WhenceTopicReader.readAll(
              broker.bootstrapServers(),
              Topics.EVENTS,
              all ->
                  all.stream().anyMatch(exec)
                      && all.stream().anyMatch(open)
                      && all.stream().anyMatch(connect)
                      && all.stream().anyMatch(rename)
                      && all.stream().anyMatch(seededBind),
              Duration.ofSeconds(60));

      Event e = find(events, exec);
      assertThat(e.getHost()).isEqualTo(HOST);
      assertThat(e.getSubject().getExe().toString()).endsWith("/echo");
      assertThat(e.getSubject().getPpid()).isEqualTo(shellPid);
      assertThat(e.getSubject().getArgv()).extracting(Object::toString).endsWith(marker);
      assertThat(path(e.getObject1())).endsWith("/echo");
      assertThat(e.getSuccess()).isTrue();

      Event o = find(events, open);
      assertThat(o.getSubject().getExe().toString()).endsWith("/bash");
      assertThat(o.getSubject().getComm().toString()).isEqualTo("bash");
      assertThat(o.getObject1().getFd()).isNotNull();

      Event c = find(events, connect);
      assertThat(c.getObject1().getRemoteAddress().toString()).isEqualTo("127.0.0.1");
      assertThat(c.getSuccess()).isTrue();

      Event r = find(events, rename);
      assertThat(r.getSubject().getExe().toString()).endsWith("/mv");
      assertThat(
              r.getSubject().getPid() == shellPid
                  || Integer.valueOf(shellPid).equals(r.getSubject().getPpid()))
          .as("mv runs as the shell or its child")
          .isTrue();
      assertThat(path(r.getObject1())).isEqualTo(written.toString());

      Event b = find(events, seededBind);
      assertThat(b.getRaw())
          .as("the socket listened before the collector started: seeded from /proc/net")
          .containsEntry(ListeningSocketSeeds.ORIGIN_KEY, ListeningSocketSeeds.ORIGIN);
      assertThat(b.getObject1().getFd()).isNotNull();
      assertThat(b.getObject1().getProtocol()).isEqualTo("tcp");

      assertThat(events).extracting(Event::getSequence).doesNotHaveDuplicates();
      assertThat(collector.collector().counters().missingSequences()).isZero();
    }
    assertThat(HostAuditState.rulesWithKey("whence")).as("rules left after close").isEmpty();
  }

  private static Event find(List<Event> events, Predicate<Event> p) {
    Optional<Event> e = events.stream().filter(p).findFirst();
    assertThat(e).as("matching event among %s", events.size()).isPresent();
    return e.get();
  }

  private static String path(EventObject o) {
    return o == null || o.getPath() == null ? "" : o.getPath().toString();
  }
}
