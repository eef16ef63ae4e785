package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.app.Main;
import dev.whence.app.config.ConfigLoader;
import dev.whence.avro.Event;
import dev.whence.avro.Operation;
import dev.whence.it.support.TestBroker;
import dev.whence.it.support.WhenceTopicReader;
import dev.whence.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whence collect --source linux-audit-file:PATH}: an audit log as auditd writes it (no EOE
 * records) goes through the collector's pipeline to {@code whence.events}; publishing it again
 * gives the same event ids. Needs no root.
 */
class LinuxCollectorFileIT {

  private static final String HOST = "it-file";
  private static final int EVENTS = 50;

  @TempDir Path tmp;
  private TestBroker broker;

  @BeforeEach
  void setUp() throws Exception {
    broker = TestBroker.start(tmp.resolve("broker"));
    WhenceTopicReader.createCollectorTopics(broker.bootstrapServers());
  }

  @AfterEach
  void tearDown() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aLogFileIsPublishedWithStableIds() throws Exception {
    Path log = tmp.resolve("audit.log");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      long serial = 1000 + i;
      String msg = "msg=audit(1700000000." + String.format("%03d", i) + ":" + serial + "):";
      lines.add(
          "type=SYSCALL "
              + msg
              + " arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1"
              + " pid="
              + (4000 + i)
              + " auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000"
              + " fsgid=1000 tty=pts0 ses=3 comm=\"true\" exe=\"/usr/bin/true\" key=\"whence\"");
      lines.add("type=EXECVE " + msg + " argc=2 a0=\"true\" a1=\"run-" + i + "\"");
      lines.add("type=CWD " + msg + " cwd=\"/home/u\"");
      lines.add(
          "type=PATH "
              + msg
              + " item=0 name=\"/usr/bin/true\" inode=42 dev=fe:00 mode=0100755 ouid=0 ogid=0"
              + " rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0");
    }
    Files.write(log, lines, StandardCharsets.US_ASCII);

    assertThat(collect(log, "a")).isZero();
    assertThat(collect(log, "b")).isZero();

    List<Event> events =
        WhenceTopicReader.readAll(
            broker.bootstrapServers(),
            Topics.EVENTS,
            all -> all.size() >= 2 * EVENTS,
            Duration.ofSeconds(60));
    assertThat(events).hasSize(2 * EVENTS);
    Map<Long, List<String>> ids =
        events.stream()
            .collect(
                Collectors.groupingBy(
                    Event::getSequence, Collectors.mapping(Event::getId, Collectors.toList())));
    assertThat(ids).hasSize(EVENTS);
    assertThat(ids.values()).allMatch(l -> l.size() == 2 && l.get(0).equals(l.get(1)));
    Event first = events.stream().filter(e -> e.getSequence() == 1000).findFirst().orElseThrow();
    assertThat(first.getHost()).isEqualTo(HOST);
    assertThat(first.getOperation()).isEqualTo(Operation.EXECUTE);
    assertThat(first.getSubject().getPid()).isEqualTo(4000);
    assertThat(first.getSubject().getArgv())
        .extracting(Object::toString)
        .containsExactly("true", "run-0");
  }

  private int collect(Path log, String run) {
    return Main.commandLine(ConfigLoader.system())
        .execute(
            "collect",
            "--source",
            "linux-audit-file:" + log,
            "--bootstrap",
            broker.bootstrapServers(),
            "--host-id",
            HOST,
            "--data-dir",
            tmp.resolve("data-" + run).toString());
  }
}
