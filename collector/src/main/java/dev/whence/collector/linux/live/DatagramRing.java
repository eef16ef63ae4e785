package dev.whence.collector.linux.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The bounded hand-over between the thread that drains the audit socket and the thread that formats
 * and publishes records: one writer, one reader, datagrams stored back to back in a direct
 * (off-heap) buffer, so a full queue costs the garbage collector nothing to scan or copy and its
 * pauses stay short. When the buffer is full, datagrams go to an optional {@link DatagramSpill}
 * file (in order: while anything is spilled, every new datagram is spilled too, until the reader
 * has caught up); when there is no room there either, {@link #put} waits. Nothing is discarded.
 *
 * <p>Layout: each datagram is a 4-byte length followed by its bytes, padded to 4; a length of -1
 * means the rest of the buffer is unused and the next datagram starts at offset 0.
 */
final class DatagramRing {

  private static final int WRAP = -1;

  private final ByteBuffer ring;
  private final int capacity;
  private final int largest;
  private final DatagramSpill spill;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private long written;
  private long read;
  private long highWater;
  private long fullWaits;
  private boolean closed;
  private boolean spilling;
  private long spilled;

  /**
   * @param capacityBytes the buffer's size
   * @param largestDatagram the longest datagram {@link #put} will be given
   */
  DatagramRing(int capacityBytes, int largestDatagram) {
    this(capacityBytes, largestDatagram, null);
  }

  /**
   * @param capacityBytes the buffer's size
   * @param largestDatagram the longest datagram {@link #put} will be given
   * @param spill where datagrams go while the buffer is full (null: put waits instead)
   */
  DatagramRing(int capacityBytes, int largestDatagram, DatagramSpill spill) {
    if (largestDatagram <= 0 || capacityBytes / 2 < slot(largestDatagram)) {
      throw new IllegalArgumentException(
          "a ring of "
              + capacityBytes
              + " bytes is too small for datagrams of "
              + largestDatagram
              + " bytes");
    }
    this.capacity = capacityBytes & ~3;
    this.largest = largestDatagram;
    this.ring = ByteBuffer.allocateDirect(capacity);
    this.spill = spill;
  }

  private static int slot(int length) {
    return 4 + ((length + 3) & ~3);
  }

  /**
   * Appends {@code length} bytes of {@code source} from absolute index {@code offset}, waiting
   * while there is no room; returns false, without appending, once the ring is {@linkplain #close()
   * closed}.
   */
  boolean put(ByteBuffer source, int offset, int length) throws InterruptedException {
    if (length < 0 || length > largest) {
      throw new IllegalArgumentException(
          "datagram of " + length + " bytes; at most " + largest + " fit");
    }
    int need = slot(length);
    lock.lockInterruptibly();
    try {
      boolean waited = false;
      while (!closed) {
        if (!spilling && fits(need)) {
          append(source, offset, length, need);
        } else if (spill != null && spill.fits(length)) {
          spilling = true;
          spilled++;
          spill.append(source, offset, length);
        } else {
          if (!waited) {
            waited = true;
            fullWaits++;
          }
          notFull.await();
          continue;
        }
        notEmpty.signal();
        return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("spilling an audit datagram to disk failed", e);
    } finally {
      lock.unlock();
    }
  }

  private void append(ByteBuffer source, int offset, int length, int need) {
    int at = (int) (written % capacity);
    if (capacity - at < need) {
      ring.putInt(at, WRAP);
      written += capacity - at;
      at = 0;
    }
    ring.putInt(at, length);
    ring.put(at + 4, source, offset, length);
    written += need;
    highWater = Math.max(highWater, written - read);
  }

  private boolean fits(int need) {
    int at = (int) (written % capacity);
    int skip = capacity - at < need ? capacity - at : 0;
    return capacity - (written - read) >= skip + need;
  }

  /**
   * Copies the oldest datagram into {@code target} (which must hold the largest datagram) and
   * returns its length, waiting up to {@code timeoutMillis}; -1 when none came, or at once when the
   * ring is closed and empty.
   */
  int take(byte[] target, long timeoutMillis) throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lockInterruptibly();
    try {
      while (written == read && !spilling) {
        if (nanos <= 0 || closed) {
          return -1;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      int length;
      if (written != read) {
        int at = (int) (read % capacity);
        length = ring.getInt(at);
        if (length == WRAP) {
          read += capacity - at;
          at = 0;
          length = ring.getInt(0);
        }
        ring.get(at + 4, target, 0, length);
        read += slot(length);
      } else {
        length = spill.take(target);
        spilling = !spill.isEmpty();
      }
      notFull.signal();
      return length;
    } catch (IOException e) {
      throw new UncheckedIOException("reading an audit datagram back from disk failed", e);
    } finally {
      lock.unlock();
    }
  }

  /** Makes waiting puts and future puts return false; what is stored stays to be taken. */
  void close() {
    lock.lock();
    try {
      closed = true;
      notFull.signalAll();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Bytes in use now (lengths and padding included). */
  long bytes() {
    return locked(() -> written - read);
  }

  /** The most bytes ever in use at once. */
  long highWater() {
    return locked(() -> highWater);
  }

  /** How many datagrams went to the spill file. */
  long spilled() {
    return locked(() -> spilled);
  }

  /** The most bytes the spill file ever held at once (0 without one). */
  long spillHighWater() {
    return locked(() -> spill == null ? 0 : spill.highWater());
  }

  /**
   * How many puts had to wait for room (each one a stall of the socket drain), counted as the wait
   * begins.
   */
  long fullWaits() {
    return locked(() -> fullWaits);
  }

  /** {@code figure} read under the lock. */
  private long locked(LongSupplier figure) {
    lock.lock();
    try {
      return figure.getAsLong();
    } finally {
      lock.unlock();
    }
  }
}
