package dev.whence.graph.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.state.DedupWindow.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DedupWindowTest {
  private static final DedupKey KEY = new DedupKey("h", "b");

  @Test
  void newDuplicateAndStale() {
    DedupWindow w = DedupWindow.empty(KEY, 128, 0).record(1000, 1).record(998, 2);

    assertThat(w.check(1000)).isEqualTo(Verdict.DUPLICATE);
    assertThat(w.check(998)).isEqualTo(Verdict.DUPLICATE);
    assertThat(w.check(999)).isEqualTo(Verdict.NEW);
    assertThat(w.check(1001)).isEqualTo(Verdict.NEW);
    assertThat(w.check(1000 - 128)).isEqualTo(Verdict.STALE);
    assertThat(w.check(1000 - 127)).isEqualTo(Verdict.NEW);
  }

  @Test
  void aJumpBeyondTheWindowClearsIt() {
    DedupWindow w = DedupWindow.empty(KEY, 64, 0).record(5, 0).record(5 + 64 * 3, 0);

    assertThat(w.check(5 + 64 * 3 - 63)).isEqualTo(Verdict.NEW);
    assertThat(w.check(5 + 64 * 3 - 64)).isEqualTo(Verdict.STALE);
    assertThat(w.check(5)).isEqualTo(Verdict.STALE);
  }

  @Property
  void agreesWithASetInsideTheWindow(
      @ForAll @Size(max = 300) List<@LongRange(min = 0, max = 400) Long> sequences) {
    DedupWindow w = DedupWindow.empty(KEY, 128, 0);
    Set<Long> seen = new HashSet<>();
    long highest = Long.MIN_VALUE;
    for (long s : sequences) {
      Verdict v = w.check(s);
      if (highest != Long.MIN_VALUE && highest - s >= 128) {
        assertThat(v).isEqualTo(Verdict.STALE);
        continue;
      }
      assertThat(v).isEqualTo(seen.contains(s) ? Verdict.DUPLICATE : Verdict.NEW);
      w = w.record(s, 0);
      seen.add(s);
      highest = Math.max(highest, s);
    }
  }

  @Property
  void recordLeavesTheOldWindowAsItWasAndAgreesWithAFlatBitmap(
      @ForAll @IntRange(min = 64, max = 1600) int size,
      @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 3000) Long> sequences) {
    DedupWindow w = DedupWindow.empty(KEY, size, 0);
    long[] flat = w.bits();
    long highest = Long.MIN_VALUE;
    for (long s : sequences) {
      if (w.check(s) == Verdict.STALE) {
        continue;
      }
      long[] before = w.bits();
      DedupWindow next = w.record(s, s);
      assertThat(w.bits()).isEqualTo(before);
      long bitsSize = 64L * flat.length;
      if (highest == Long.MIN_VALUE || s - highest >= bitsSize) {
        java.util.Arrays.fill(flat, 0L);
      } else {
        for (long t = highest + 1; t <= s; t++) {
          int slot = (int) Math.floorMod(t, bitsSize);
          flat[slot >>> 6] &= ~(1L << (slot & 63));
        }
      }
      highest = Math.max(highest, s);
      int slot = (int) Math.floorMod(s, bitsSize);
      flat[slot >>> 6] |= 1L << (slot & 63);
      assertThat(next.bits()).isEqualTo(flat);
      assertThat(new DedupWindow(KEY, next.highest(), flat, next.lastSeenNanos(), 0))
          .isEqualTo(next)
          .hasSameHashCodeAs(next);
      w = next;
    }
  }
}
