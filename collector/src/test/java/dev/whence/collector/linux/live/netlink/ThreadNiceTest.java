package dev.whence.collector.linux.live.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadNiceTest {

  private static int niceOf(int tid) throws Exception {
    String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[16]);
  }

  @Test
  void changesOnlyTheCallingThread() throws Exception {
    assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux /proc");
    int mine = ThreadNice.currentThreadId().orElseThrow();
    int before = niceOf(mine);
    AtomicReference<int[]> seen = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              boolean done = ThreadNice.setCurrent(7);
              int tid = ThreadNice.currentThreadId().orElseThrow();
              try {
                seen.set(new int[] {done ? 1 : 0, niceOf(tid)});
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    t.start();
    t.join();
    assertThat(seen.get()).containsExactly(1, 7);
    assertThat(niceOf(mine)).isEqualTo(before);
  }

  @Test
  void refusesValuesOutsideTheKernelsRange() {
    assertThatThrownBy(() -> ThreadNice.setCurrent(-21))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ThreadNice.setCurrent(20))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
