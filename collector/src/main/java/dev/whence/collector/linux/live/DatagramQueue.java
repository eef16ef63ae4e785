package dev.whence.collector.linux.live;

import dev.whence.collector.linux.live.netlink.DatagramBatch;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between the thread that drains the audit socket and the thread that formats
 * and publishes records. Bounded by the bytes it holds; {@link #put} waits while full and never
 * discards. A batch larger than the whole capacity is still admitted into an empty queue.
 */
final class DatagramQueue {

  private final long capacity;
  private final ArrayDeque<DatagramBatch> batches = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private long bytes;
  private long highWater;
  private long fullWaits;
  private boolean closed;

  DatagramQueue(long capacityBytes) {
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("queue capacity must be positive: " + capacityBytes);
    }
    this.capacity = capacityBytes;
  }

  /**
   * Appends {@code batch}, waiting while the queue is full; returns false, without appending, once
   * the queue is {@linkplain #close() closed}.
   */
  boolean put(DatagramBatch batch) throws InterruptedException {
    int size = batch.bytes();
    lock.lockInterruptibly();
    try {
      boolean waited = false;
      while (!closed && bytes > 0 && bytes + size > capacity) {
        waited = true;
        notFull.await();
      }
      if (closed) {
        return false;
      }
      if (waited) {
        fullWaits++;
      }
      batches.addLast(batch);
      bytes += size;
      highWater = Math.max(highWater, bytes);
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The oldest batch, waiting up to {@code timeoutMillis}; null when none came. */
  DatagramBatch poll(long timeoutMillis) throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lockInterruptibly();
    try {
      while (batches.isEmpty()) {
        if (nanos <= 0 || closed) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      DatagramBatch batch = batches.removeFirst();
      bytes -= batch.bytes();
      notFull.signal();
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** The oldest batch if there is one, without waiting (also after close). */
  DatagramBatch pollNow() {
    lock.lock();
    try {
      DatagramBatch batch = batches.pollFirst();
      if (batch != null) {
        bytes -= batch.bytes();
        notFull.signal();
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Makes waiting and future {@link #put}s return false; what is queued stays for polling. */
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

  /** Bytes queued now. */
  long bytes() {
    lock.lock();
    try {
      return bytes;
    } finally {
      lock.unlock();
    }
  }

  /** The most bytes ever queued at once. */
  long highWater() {
    lock.lock();
    try {
      return highWater;
    } finally {
      lock.unlock();
    }
  }

  /** How many puts had to wait for room (each one a stall of the socket drain). */
  long fullWaits() {
    lock.lock();
    try {
      return fullWaits;
    } finally {
      lock.unlock();
    }
  }
}
