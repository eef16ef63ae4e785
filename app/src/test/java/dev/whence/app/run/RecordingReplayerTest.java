package dev.whence.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.avro.Event;
import dev.whence.avro.Operation;
import dev.whence.avro.RejectedInput;
import dev.whence.collector.EventSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RecordingReplayerTest {

  private final List<Event> events = new ArrayList<>();
  private final List<RejectedInput> rejected = new ArrayList<>();
  private final EventSink sink =
      new EventSink() {
        @Override
        public void event(Event event) {
          events.add(event);
        }

        @Override
        public void rejected(RejectedInput input) {
          rejected.add(input);
        }
      };
  private final RecordingReplayer replayer =
      new RecordingReplayer(
          sink, "box", Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void replaysTheBundledRecordingEveryLineAccountedFor() throws IOException {
    try (InputStream in = BundledRecordings.open(BundledRecordings.NAMES.get(0))) {
      ReplayResult result = replayer.replay(in, "demo");

      assertThat(result.lines()).isEqualTo(23_480);
      assertThat(result.rejected()).isZero();
      assertThat(result.events()).isEqualTo(events.size()).isGreaterThan(3_000);
      assertThat(events).extracting(e -> e.getHost()).containsOnly("whence-demo", "whence-remote");
      assertThat(events)
          .filteredOn(e -> e.getOperation() == Operation.EXECUTE)
          .anyMatch(
              e ->
                  e.getSubject()
                      .getArgv()
                      .equals(List.of("/bin/true", "whence-scenario", "reverse-shell")));
    }
  }

  @Test
  void plainAndGzipGiveTheSameEvents() throws IOException {
    String log =
        "type=SYSCALL msg=audit(1795772562.196:119): arch=c000003e syscall=59 success=yes exit=0"
            + " a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 pid=42 auid=0 uid=0 gid=0 euid=0 suid=0"
            + " fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1 comm=\"true\" exe=\"/usr/bin/true\"\n"
            + "type=EXECVE msg=audit(1795772562.196:119): argc=1 a0=\"/bin/true\"\n"
            + "type=EOE msg=audit(1795772562.196:119): \n";
    byte[] plain = log.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(plain);
    }

    ReplayResult a = replayer.replay(new ByteArrayInputStream(plain), "plain");
    ReplayResult b = replayer.replay(new ByteArrayInputStream(zipped.toByteArray()), "gz");

    assertThat(a.events()).isEqualTo(1);
    assertThat(b.events()).isEqualTo(1);
    assertThat(events.get(0)).isEqualTo(events.get(1));
  }

  @Test
  void formatsNotSupportedYetAreRefusedByName() {
    byte[] cadets =
        "[\n{\"event\": \"audit:event:aue_open_rwtc:\"}\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> replayer.replay(new ByteArrayInputStream(cadets), "t.json"))
        .hasMessageContaining("t.json")
        .hasMessageContaining("JSON trace");
    byte[] avro = {'O', 'b', 'j', 1, 0, 0};
    assertThatThrownBy(() -> replayer.replay(new ByteArrayInputStream(avro), "c.bin"))
        .hasMessageContaining("Avro object container");
  }

  @Test
  void anEmptyFileReplaysNothing() throws IOException {
    assertThat(replayer.replay(new ByteArrayInputStream(new byte[0]), "empty").lines()).isZero();
    assertThat(events).isEmpty();
  }
}
