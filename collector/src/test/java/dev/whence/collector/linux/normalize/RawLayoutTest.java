package dev.whence.collector.linux.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.collector.linux.PipelineRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events whose raw maps are filled from a remembered {@link RawLayout} must give exactly the maps
 * (keys, values and order) that a normalizer seeing each event first gives.
 */
class RawLayoutTest {

  private static String event(long serial, String syscallTail, String proctitle) {
    String head = "type=SYSCALL msg=audit(1700000000.123:" + serial + "): arch=c000003e ";
    return head
        + "syscall=0 success=yes exit=12 a0=3 a1=7ff a2=40 a3=0 items=0 ppid=10 pid=20 auid=1000"
        + " uid=1001 gid=1002 euid=1003 suid=1004 fsuid=1005 egid=1006 sgid=1007 fsgid=1008"
        + " tty=pts0 ses=3 comm=\"prog\" exe=\"/usr/bin/prog\" "
        + syscallTail
        + "\ntype=PROCTITLE msg=audit(1700000000.123:"
        + serial
        + "): proctitle="
        + proctitle;
  }

  private static List<Event> run(String... lines) {
    return PipelineRuns.events(List.of(lines));
  }

  private static List<Map.Entry<String, String>> entries(Event e) {
    return new ArrayList<>(e.getRaw().entrySet());
  }

  @Test
  void eventsOfOneShapeGiveTheRawMapsOfFreshNormalizers() {
    String[] events = {
      event(1, "key=(null)\u001dARCH=x86_64 SYSCALL=read UID=\"root\"", "70726F67"),
      event(2, "key=\"k\"\u001dARCH=x86_64 SYSCALL=read UID=\"bob\"", "70726F67"),
      // same shape, another key at the same position
      event(3, "kex=\"k\"\u001dARCH=x86_64 SYSCALL=read UID=\"bob\"", "70726F67"),
      event(4, "key=\"k\"\u001dARCH=x86_64 SYSCALL=read UID=\"bob\"", "70726F67"),
      // a value that is not UTF-8: its .hex extra comes after the fields
      event(5, "key=\"k\u00ff\"\u001dARCH=x86_64 SYSCALL=read UID=\"bob\"", "70726F67"),
      // the same key twice: the first value wins
      event(6, "key=\"k\"\u001dARCH=x86_64 SYSCALL=read UID=\"bob\" UID=\"eve\"", "70726F67"),
      event(7, "key=\"k\"\u001dARCH=x86_64 SYSCALL=read UID=\"bob\" UID=\"eve\"", "70726F67"),
      // a free word
      event(8, "key=\"k\" word\u001dARCH=x86_64 SYSCALL=read UID=\"bob\"", "70726F67"),
      event(9, "key=\"k\" word\u001dARCH=x86_64 SYSCALL=read UID=\"bob\"", "70726F67"),
      event(10, "key=\"k\"\u001dARCH=x86_64 SYSCALL=read UID=\"bob\"", "70726F67"),
    };
    List<Event> together = run(events);
    assertThat(together).hasSize(events.length);
    for (int k = 0; k < events.length; k++) {
      List<Event> alone = run(events[k]);
      assertThat(alone).hasSize(1);
      assertThat(entries(together.get(k))).as("event %d", k + 1).isEqualTo(entries(alone.get(0)));
    }
    assertThat(together.get(4).getRaw()).containsKey("SYSCALL.key.hex");
    assertThat(together.get(6).getRaw()).containsEntry("SYSCALL.UID", "bob");
  }

  @Test
  void aMapFilledFromALayoutCanStillBeChanged() {
    List<Event> out =
        run(
            event(1, "key=\"a\"\u001dARCH=x86_64", "70726F67"),
            event(2, "key=\"b\"\u001dARCH=x86_64", "70726F67"));
    Map<String, String> second = out.get(1).getRaw();
    second.put("extra", "x");
    second.remove("SYSCALL.key");
    assertThat(second).containsEntry("extra", "x").doesNotContainKey("SYSCALL.key");
    assertThat(out.get(0).getRaw()).containsEntry("SYSCALL.key", "a").doesNotContainKey("extra");
  }
}
