package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.collector.linux.PipelineRuns;
import dev.whence.collector.linux.live.ListeningSockets.Holder;
import dev.whence.collector.linux.live.ListeningSockets.Listening;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningSocketSeedsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

  private static final long COLLECTOR = 4000;

  /** The line the kernel logs for a message of process {@code sender}. */
  static String kernelLine(long serial, long sender, String text) {
    return "type=TRUSTED_APP msg=audit(1700000000.123:"
        + serial
        + "): pid="
        + sender
        + " uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='"
        + text
        + "'";
  }

  static List<Event> normalize(List<String> lines) {
    return PipelineRuns.events(CLOCK, lines);
  }

  @Test
  void aSeedMessageOfThisCollectorBecomesABindOfTheHoldingProcess() {
    Listening ssh = new Listening("inet6", "::", 22, 0, 1120, List.of(new Holder(100, 3)));
    String text = ListeningSocketSeeds.message(ssh, ssh.holders().get(0));
    Event e = normalize(List.of(kernelLine(95, COLLECTOR, text))).get(0);
    assertThat(e.getOperation()).isEqualTo(Operation.OTHER);

    assertThat(ListeningSocketSeeds.rewrite(e, COLLECTOR)).isTrue();

    assertThat(e.getSequence()).isEqualTo(95);
    assertThat(e.getOperation()).isEqualTo(Operation.BIND);
    assertThat(e.getAction()).isEqualTo(ListeningSocketSeeds.OP);
    assertThat(e.getSubject().getPid()).isEqualTo(100);
    assertThat(e.getObject1().getKind()).isEqualTo(ObjectKind.SOCKET);
    assertThat(e.getObject1().getFd()).isEqualTo(3);
    assertThat(e.getObject1().getFamily()).isEqualTo("inet6");
    assertThat(e.getObject1().getProtocol()).isEqualTo("tcp");
    assertThat(e.getObject1().getLocalAddress()).isEqualTo("::");
    assertThat(e.getObject1().getLocalPort()).isEqualTo(22);
    assertThat(e.getObject1().getInode()).isEqualTo(1120);
    assertThat(e.getRaw())
        .containsEntry(ListeningSocketSeeds.ORIGIN_KEY, ListeningSocketSeeds.ORIGIN)
        .containsEntry("WHENCE.seeded_by_pid", "4000");
  }

  @Test
  void aMessageFromAnotherProcessOrNotASeedIsLeftAlone() {
    Listening web = new Listening("inet", "0.0.0.0", 80, 0, 77, List.of(new Holder(100, 3)));
    String text = ListeningSocketSeeds.message(web, web.holders().get(0));
    List<Event> events =
        normalize(
            List.of(
                kernelLine(96, 6666, text),
                kernelLine(97, COLLECTOR, "op=something-else sock_pid=1 sock_fd=1"),
                kernelLine(98, COLLECTOR, text.replace("laddr=0.0.0.0", "laddr=evil;host")),
                kernelLine(99, COLLECTOR, text.replace("lport=80", "lport=70000"))));
    assertThat(events).hasSize(4);
    for (Event e : events) {
      assertThat(ListeningSocketSeeds.rewrite(e, COLLECTOR)).as("%s", e).isFalse();
      assertThat(e.getOperation()).isEqualTo(Operation.OTHER);
      assertThat(e.getRaw()).doesNotContainKey(ListeningSocketSeeds.ORIGIN_KEY);
    }
  }
}
