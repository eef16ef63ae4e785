package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class NewlineSearchTest {

  @Property(tries = 2000)
  void findsTheFirstNewlineLikeAPlainLoop(
      @ForAll @Size(max = 64) byte[] bytes,
      @ForAll @IntRange(max = 64) int from,
      @ForAll @IntRange(max = 64) int end) {
    int f = Math.min(from, bytes.length);
    int e = Math.max(f, Math.min(end, bytes.length));
    int expected = -1;
    for (int i = f; i < e; i++) {
      if (bytes[i] == '\n') {
        expected = i;
        break;
      }
    }
    assertThat(LinuxAuditLogReader.indexOfNewline(bytes, f, e)).isEqualTo(expected);
  }
}
