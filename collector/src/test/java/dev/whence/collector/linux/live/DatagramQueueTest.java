package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.collector.linux.live.netlink.DatagramBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DatagramQueueTest {

  private static DatagramBatch batch(int bytes, int tag) {
    byte[] b = new byte[bytes];
    b[0] = (byte) tag;
    return DatagramBatch.of(b);
  }

  @Test
  void aFullQueueMakesThePutWaitUntilThereIsRoom() throws Exception {
    DatagramQueue q = new DatagramQueue(100);
    assertThat(q.put(batch(60, 1))).isTrue();
    CountDownLatch done = new CountDownLatch(1);
    AtomicBoolean accepted = new AtomicBoolean();
    Thread producer =
        new Thread(
            () -> {
              try {
                accepted.set(q.put(batch(60, 2)));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              done.countDown();
            });
    producer.start();
    assertThat(done.await(200, TimeUnit.MILLISECONDS)).as("put waits while full").isFalse();
    assertThat(q.poll(0).data()[0]).isEqualTo((byte) 1);
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(accepted).isTrue();
    assertThat(q.poll(0).data()[0]).isEqualTo((byte) 2);
    assertThat(q.fullWaits()).isEqualTo(1);
    assertThat(q.highWater()).isEqualTo(60);
  }

  @Test
  void aBatchLargerThanTheCapacityStillPassesAnEmptyQueue() throws Exception {
    DatagramQueue q = new DatagramQueue(10);
    assertThat(q.put(batch(50, 7))).isTrue();
    assertThat(q.bytes()).isEqualTo(50);
    assertThat(q.poll(0).length(0)).isEqualTo(50);
    assertThat(q.bytes()).isZero();
  }

  @Test
  void closeReleasesAWaitingPutWithoutLosingWhatIsQueued() throws Exception {
    DatagramQueue q = new DatagramQueue(10);
    q.put(batch(10, 1));
    AtomicBoolean accepted = new AtomicBoolean(true);
    Thread producer =
        new Thread(
            () -> {
              try {
                accepted.set(q.put(batch(10, 2)));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    producer.start();
    Thread.sleep(100);
    q.close();
    producer.join(5000);
    assertThat(accepted).isFalse();
    assertThat(q.poll(1000).data()[0]).isEqualTo((byte) 1);
    assertThat(q.poll(1000)).as("a closed, empty queue does not wait").isNull();
    assertThat(q.pollNow()).isNull();
  }

  @Property(tries = 30)
  void everyBatchComesOutOnceInOrder(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 1, max = 40) Integer> sizes,
      @ForAll @IntRange(min = 40, max = 200) int capacity)
      throws Exception {
    DatagramQueue q = new DatagramQueue(capacity);
    List<Integer> seen = new ArrayList<>();
    Thread producer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < sizes.size(); i++) {
                  q.put(batch(sizes.get(i), i));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    producer.start();
    while (seen.size() < sizes.size()) {
      DatagramBatch b = q.poll(5000);
      assertThat(b).isNotNull();
      assertThat(q.bytes()).isLessThanOrEqualTo(capacity);
      seen.add(Byte.toUnsignedInt(b.data()[0]));
    }
    producer.join();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      expected.add(i & 0xff);
    }
    assertThat(seen).isEqualTo(expected);
    assertThat(q.highWater()).isLessThanOrEqualTo(capacity);
  }
}
