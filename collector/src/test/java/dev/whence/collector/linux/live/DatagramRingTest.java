package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DatagramRingTest {

  private final byte[] target = new byte[100];

  private static ByteBuffer datagram(int length, int tag) {
    byte[] b = new byte[length + 3];
    Arrays.fill(b, (byte) tag);
    return ByteBuffer.wrap(b);
  }

  private static boolean put(DatagramRing ring, int length, int tag) throws InterruptedException {
    return ring.put(datagram(length, tag), 3, length);
  }

  /**
   * Puts a 40-byte datagram tagged {@code tag} from another thread, recording whether the ring took
   * it; the latch opens when the put returns.
   */
  private CountDownLatch putInBackground(DatagramRing ring, int tag, AtomicBoolean accepted) {
    CountDownLatch done = new CountDownLatch(1);
    new Thread(
            () -> {
              try {
                accepted.set(put(ring, 40, tag));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              done.countDown();
            })
        .start();
    return done;
  }

  @Test
  void aFullRingMakesThePutWaitUntilTheReaderTakes() throws Exception {
    DatagramRing ring = new DatagramRing(100, 40);
    assertThat(put(ring, 40, 1)).isTrue();
    assertThat(put(ring, 40, 2)).isTrue();
    AtomicBoolean accepted = new AtomicBoolean();
    CountDownLatch done = putInBackground(ring, 3, accepted);
    assertThat(done.await(200, TimeUnit.MILLISECONDS)).as("put waits while full").isFalse();
    assertThat(ring.fullWaits()).as("the stall counts while it lasts").isEqualTo(1);
    assertThat(ring.take(target, 0)).isEqualTo(40);
    assertThat(target[0]).isEqualTo((byte) 1);
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(accepted).isTrue();
    assertThat(ring.take(target, 0)).isEqualTo(40);
    assertThat(target[39]).isEqualTo((byte) 2);
    assertThat(ring.take(target, 0)).isEqualTo(40);
    assertThat(target[0]).isEqualTo((byte) 3);
    assertThat(ring.take(target, 10)).isEqualTo(-1);
    assertThat(ring.fullWaits()).isEqualTo(1);
    assertThat(ring.highWater()).as("the wrap leaves 12 bytes unused").isEqualTo(100);
  }

  @Test
  void closeReleasesAWaitingPutAndKeepsWhatIsStored() throws Exception {
    DatagramRing ring = new DatagramRing(96, 40);
    put(ring, 40, 1);
    put(ring, 40, 2);
    AtomicBoolean accepted = new AtomicBoolean(true);
    CountDownLatch done = putInBackground(ring, 3, accepted);
    Thread.sleep(100);
    ring.close();
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(accepted).isFalse();
    assertThat(ring.take(target, 1000)).isEqualTo(40);
    assertThat(ring.take(target, 1000)).isEqualTo(40);
    assertThat(ring.take(target, 1000)).as("closed and empty: no wait").isEqualTo(-1);
  }

  @Test
  void refusesDatagramsLongerThanDeclaredAndRingsTooSmallForThem() {
    DatagramRing ring = new DatagramRing(100, 40);
    assertThatThrownBy(() -> put(ring, 41, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DatagramRing(80, 40)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 40)
  void everyDatagramComesOutOnceInOrderWithItsBytes(
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 60) Integer> lengths,
      @ForAll @IntRange(min = 128, max = 400) int capacity)
      throws Exception {
    DatagramRing ring = new DatagramRing(capacity, 60);
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < lengths.size(); i++) {
                  put(ring, lengths.get(i), i);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    writer.start();
    List<Integer> seen = new ArrayList<>();
    while (seen.size() < lengths.size()) {
      int i = seen.size();
      int length = ring.take(target, 5000);
      assertThat(length).isEqualTo(lengths.get(i));
      for (int k = 0; k < length; k++) {
        assertThat(target[k]).isEqualTo((byte) i);
      }
      assertThat(ring.bytes()).isLessThanOrEqualTo(capacity);
      seen.add(length);
    }
    writer.join();
    assertThat(ring.take(target, 0)).isEqualTo(-1);
    assertThat(ring.highWater()).isLessThanOrEqualTo(capacity);
  }
}
