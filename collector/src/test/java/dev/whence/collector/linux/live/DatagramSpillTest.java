package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatagramSpillTest {

  @TempDir Path dir;

  private static ByteBuffer datagram(int length, int tag) {
    byte[] b = new byte[length + 5];
    Arrays.fill(b, (byte) tag);
    return ByteBuffer.wrap(b);
  }

  @Test
  void takesInOrderTruncatesWhenReadToTheEndAndDeletesOnClose() throws Exception {
    Path file = dir.resolve("spill.bin");
    byte[] target = new byte[100];
    try (DatagramSpill spill = new DatagramSpill(file, 1000, 100)) {
      spill.append(datagram(10, 1), 5, 10);
      spill.append(datagram(100, 2), 5, 100);
      assertThat(Files.size(file)).isEqualTo(118);
      assertThat(spill.take(target)).isEqualTo(10);
      assertThat(target[9]).isEqualTo((byte) 1);
      assertThat(spill.take(target)).isEqualTo(100);
      assertThat(target[99]).isEqualTo((byte) 2);
      assertThat(spill.isEmpty()).isTrue();
      assertThat(Files.size(file)).isZero();
      assertThat(spill.highWater()).isEqualTo(118);
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void refusesWhatWouldPassItsLimit() throws Exception {
    try (DatagramSpill spill = new DatagramSpill(dir.resolve("s"), 120, 100)) {
      assertThat(spill.fits(100)).isTrue();
      spill.append(datagram(100, 1), 5, 100);
      assertThat(spill.fits(12)).isTrue();
      assertThat(spill.fits(13)).isFalse();
    }
  }

  /** A ring of 128 bytes with a spill behind it: nothing lost, nothing reordered. */
  @Property(tries = 40)
  void aRingThatOverflowsIntoItsSpillKeepsEveryDatagramInOrder(
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 60) Integer> lengths,
      @ForAll @IntRange(min = 0, max = 3) int readerDelayEvery)
      throws Exception {
    Path file = Files.createTempFile("whence-spill", ".bin");
    try (DatagramSpill spill = new DatagramSpill(file, 4096, 60)) {
      DatagramRing ring = new DatagramRing(128, 60, spill);
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < lengths.size(); i++) {
                    ring.put(datagram(lengths.get(i), i), 5, lengths.get(i));
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      writer.start();
      byte[] target = new byte[60];
      List<Integer> seen = new ArrayList<>();
      while (seen.size() < lengths.size()) {
        int i = seen.size();
        if (readerDelayEvery > 0 && i % 50 == readerDelayEvery) {
          Thread.sleep(1);
        }
        int length = ring.take(target, 5000);
        assertThat(length).isEqualTo(lengths.get(i));
        for (int k = 0; k < length; k++) {
          assertThat(target[k]).isEqualTo((byte) i);
        }
        seen.add(length);
      }
      writer.join();
      assertThat(ring.take(target, 0)).isEqualTo(-1);
      assertThat(spill.isEmpty()).isTrue();
    }
  }

  @Test
  void aFullRingSpillsAndAFullSpillMakesThePutWait() throws Exception {
    try (DatagramSpill spill = new DatagramSpill(dir.resolve("s"), 64, 60)) {
      DatagramRing ring = new DatagramRing(128, 60, spill);
      ring.put(datagram(60, 1), 5, 60);
      ring.put(datagram(60, 2), 5, 60);
      ring.put(datagram(60, 3), 5, 60);
      assertThat(ring.spilled()).as("the third does not fit the ring").isEqualTo(1);
      Thread writer =
          new Thread(
              () -> {
                try {
                  ring.put(datagram(10, 4), 5, 10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      writer.start();
      writer.join(200);
      assertThat(writer.isAlive()).as("ring and spill full: put waits").isTrue();
      byte[] target = new byte[60];
      for (int tag = 1; tag <= 3; tag++) {
        assertThat(ring.take(target, 1000)).isEqualTo(60);
        assertThat(target[0]).isEqualTo((byte) tag);
      }
      writer.join(5000);
      assertThat(ring.take(target, 1000)).isEqualTo(10);
      assertThat(target[0]).isEqualTo((byte) 4);
      assertThat(ring.fullWaits()).isEqualTo(1);
      assertThat(ring.take(target, 0)).isEqualTo(-1);
    }
  }
}
