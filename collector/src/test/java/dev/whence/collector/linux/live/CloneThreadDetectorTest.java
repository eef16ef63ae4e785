package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.collector.linux.PipelineRuns;
import dev.whence.collector.linux.live.CloneThreadDetector.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloneThreadDetectorTest {

  @TempDir Path proc;

  private void status(long id, long tgid) throws Exception {
    Files.createDirectories(proc.resolve(Long.toString(id)));
    Files.writeString(
        proc.resolve(Long.toString(id)).resolve("status"),
        "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t" + tgid + "\nPid:\t" + id + "\n");
  }

  @Test
  void tellsThreadsFromProcessesByTheirThreadGroup() throws Exception {
    status(4242, 100);
    status(4243, 4243);
    status(4244, 777);
    Files.createDirectories(proc.resolve("4245"));
    Files.writeString(proc.resolve("4245").resolve("status"), "Tgid:\tnot-a-number\n");
    CloneThreadDetector d = new CloneThreadDetector(proc);
    assertThat(d.classify(100, 4242)).isEqualTo(Verdict.THREAD);
    assertThat(d.classify(100, 4243)).isEqualTo(Verdict.PROCESS);
    assertThat(d.classify(100, 4244)).isEqualTo(Verdict.UNKNOWN);
    assertThat(d.classify(100, 4245)).isEqualTo(Verdict.UNKNOWN);
    assertThat(d.classify(100, 9999)).isEqualTo(Verdict.UNKNOWN);
    assertThat(d.classify(100, -3)).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void aClone3ThreadGetsTheThreadFlagsAndEveryVerdictIsRecorded() throws Exception {
    status(4242, 100);
    status(4243, 4243);
    List<Event> events = normalize(clone3(90, 4242), clone3(91, 4243), clone3(92, 5000));
    assertThat(events).hasSize(3).allMatch(e -> e.getFlags() == null);

    CloneThreadDetector d = new CloneThreadDetector(proc);
    events.forEach(d::annotate);

    assertThat(events.get(0).getFlags()).isEqualTo(CloneThreadDetector.THREAD_FLAGS);
    assertThat(events.get(0).getFlags() & 0x10000).isNotZero();
    assertThat(events.get(0).getRaw()).containsEntry(CloneThreadDetector.RAW_KEY, "thread");
    assertThat(events.get(1).getFlags()).isNull();
    assertThat(events.get(1).getRaw()).containsEntry(CloneThreadDetector.RAW_KEY, "process");
    assertThat(events.get(2).getFlags()).isNull();
    assertThat(events.get(2).getRaw()).containsEntry(CloneThreadDetector.RAW_KEY, "unknown");
  }

  @Test
  void leavesCloneWithKnownFlagsAndOtherEventsAlone() throws Exception {
    status(4242, 100);
    List<Event> events =
        normalize(
            "type=SYSCALL msg=audit(1700000000.123:93): arch=c000003e syscall=56 success=yes"
                + " exit=4242 a0=3d0f00 a1=0 a2=0 a3=0 items=0 ppid=1 pid=100 auid=0 uid=0 gid=0"
                + " euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1 comm=\"java\""
                + " exe=\"/usr/bin/java\" key=(null)\ntype=EOE msg=audit(1700000000.123:93): ");
    long flags = events.get(0).getFlags();
    new CloneThreadDetector(proc).annotate(events.get(0));
    assertThat(events.get(0).getFlags()).isEqualTo(flags);
    assertThat(events.get(0).getRaw()).doesNotContainKey(CloneThreadDetector.RAW_KEY);
  }

  @Test
  void onThisHostAThreadOfThisJvmIsAThreadAndAChildProcessIsAProcess() throws Exception {
    long self = ProcessHandle.current().pid();
    Set<Long> before = tasks();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    started.await();
    Process child = new ProcessBuilder("sleep", "30").start();
    try {
      Set<Long> added = new HashSet<>(tasks());
      added.removeAll(before);
      assertThat(added).isNotEmpty();
      CloneThreadDetector d = CloneThreadDetector.ofHost();
      assertThat(added).allMatch(tid -> d.classify(self, tid) == Verdict.THREAD);
      assertThat(d.classify(self, child.pid())).isEqualTo(Verdict.PROCESS);
    } finally {
      release.countDown();
      child.destroyForcibly();
      t.join();
    }
  }

  private static Set<Long> tasks() throws Exception {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
      return s.map(p -> Long.parseLong(p.getFileName().toString())).collect(Collectors.toSet());
    }
  }

  private static String clone3(long serial, long child) {
    return "type=SYSCALL msg=audit(1700000000.123:"
        + serial
        + "): arch=c000003e syscall=435 success=yes exit="
        + child
        + " a0=7ffc1a2b3c40 a1=58 a2=0 a3=0 items=0 ppid=1 pid=100 auid=0 uid=0 gid=0 euid=0"
        + " suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1 comm=\"java\""
        + " exe=\"/usr/bin/java\" key=(null)\ntype=EOE msg=audit(1700000000.123:"
        + serial
        + "): ";
  }

  private static List<Event> normalize(String... texts) {
    return PipelineRuns.events(
        Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC), List.of(texts));
  }
}
