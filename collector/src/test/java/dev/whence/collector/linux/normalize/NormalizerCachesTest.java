package dev.whence.collector.linux.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.collector.linux.PipelineRuns;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The normalizer's caches (decimals, boxes, short values, raw layouts) and the parser's templates
 * must not change any event: a run of events through one pipeline gives exactly the events that a
 * fresh pipeline gives for each alone.
 */
class NormalizerCachesTest {

  private static final String[] NUMBERS = {
    "0",
    "1",
    "127",
    "128",
    "4294967295",
    "4294967296",
    "2147483647",
    "-1",
    "-9223372036854775808",
    "9223372036854775807",
    "18446744073709551615",
    "0000000000000000001",
    "12a",
    "",
    "(none)",
  };

  private static final String[] TEXTS = {
    "\"bash\"",
    "\"b\u00e9\"",
    "\"b\u00ff\"",
    "\"b\u00c3\u00a9\"",
    "\"a-much-longer-command-name\"",
    "6C73",
    "(null)",
    "?"
  };

  @Provide
  Arbitrary<List<String>> events() {
    Arbitrary<String> number = Arbitraries.of(NUMBERS);
    Arbitrary<String> text = Arbitraries.of(TEXTS);
    Arbitrary<String> syscall = Arbitraries.of("0", "1", "3", "257", "59");
    Arbitrary<String> event =
        Combinators.combine(syscall, number, number, number, number, text, text)
            .as(
                (nr, pid, uid, auid, exit, comm, key) ->
                    "arch=c000003e syscall="
                        + nr
                        + " success=yes exit="
                        + exit
                        + " a0=3 a1=7ff a2=40 a3=0 items=0 ppid=1 pid="
                        + pid
                        + " auid="
                        + auid
                        + " uid="
                        + uid
                        + " gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0"
                        + " tty=(none) ses="
                        + auid
                        + " comm="
                        + comm
                        + " exe=\"/bin/x\" key="
                        + key
                        + "\u001dARCH=x86_64 UID=\"root\" GID="
                        + uid);
    return event.list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 200)
  void eventsAreTheSameThroughOnePipelineAsAlone(@ForAll("events") List<String> bodies) {
    List<String> lines = new ArrayList<>();
    for (int k = 0; k < bodies.size(); k++) {
      lines.add(line(k + 1, bodies.get(k)));
    }
    List<Event> together = run(lines);
    assertThat(together).hasSize(lines.size());
    for (int k = 0; k < lines.size(); k++) {
      List<Event> alone = run(List.of(lines.get(k)));
      assertThat(together.get(k)).as(lines.get(k)).isEqualTo(alone.get(0));
      assertThat(new ArrayList<>(together.get(k).getRaw().entrySet()))
          .isEqualTo(new ArrayList<>(alone.get(0).getRaw().entrySet()));
    }
  }

  private static String line(long serial, String body) {
    return "type=SYSCALL msg=audit(1700000000.123:"
        + serial
        + "): "
        + body
        + "\ntype=PROCTITLE msg=audit(1700000000.123:"
        + serial
        + "): proctitle=6C73002D6C";
  }

  private static List<Event> run(List<String> texts) {
    return PipelineRuns.events(texts);
  }
}
