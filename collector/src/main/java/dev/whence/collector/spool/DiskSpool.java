package dev.whence.collector.spool;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, durable FIFO of key/value records on disk.
 *
 * <p>Records are appended to segment files named after the position of their first record. Each
 * record is {@code [int length][int crc32c][int keyLength][key][value]}, where {@code length}
 * counts the bytes after the CRC and the CRC32C covers the length and those bytes. Positions grow
 * by one per record and keep growing across restarts. {@link #ack(long)} moves the head past
 * delivered records; a segment whose records are all acknowledged is deleted, and the head is kept
 * in a small checkpoint file (rewritten every 1000 records, at each segment deletion and at close)
 * so a restart returns few acknowledged records of a partly acknowledged segment: after a crash at
 * most the last 1000, which the consumer de-duplicates.
 *
 * <p>The bound, {@code maxBytes}, applies to the bytes of unacknowledged records: {@link #offer}
 * refuses and {@link #append} waits while a record does not fit; the disk holds at most one segment
 * more than the bound. {@link #appendBeyondBound} exists for records that were already accepted in
 * memory and must reach the disk rather than be lost.
 *
 * <p>{@link #open} recovers after a crash: a record cut short or failing its CRC ends its segment,
 * which is truncated there; the cut is logged and counted in {@link #recovery()}. A lock file keeps
 * a second process out of the directory. All methods are thread-safe.
 */
public final class DiskSpool implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(DiskSpool.class);
  private static final int HEADER = 12;
  private static final int MAX_RECORD = 64 * 1024 * 1024;
  private static final String HEAD_FILE = "head";
  private static final String LOCK_FILE = "lock";
  private static final long HEAD_WRITE_INTERVAL = 1_000;

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final SyncPolicy syncPolicy;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private final Deque<Segment> segments = new ArrayDeque<>();
  private final FileChannel lockChannel;
  private final FileLock dirLock;
  private final SpoolRecovery recovery;
  private final CRC32C crc = new CRC32C();
  private Segment active;
  private long head;
  private long headWritten = -1;
  private long unackedRecords;
  private long unackedBytes;
  private long unsynced;
  private Instant lastSync;
  private boolean closed;

  private DiskSpool(Path dir, long maxBytes, long segmentBytes, SyncPolicy syncPolicy, Clock clock)
      throws IOException {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = segmentBytes;
    this.syncPolicy = syncPolicy;
    this.clock = clock;
    Files.createDirectories(dir);
    this.lockChannel =
        FileChannel.open(
            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock acquired;
    try {
      acquired = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      acquired = null;
    }
    if (acquired == null) {
      lockChannel.close();
      throw new IOException("spool directory " + dir + " is in use by another spool");
    }
    this.dirLock = acquired;
    try {
      this.recovery = recover();
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
    this.lastSync = clock.instant();
  }

  /**
   * Opens (creating when needed) the spool in {@code dir}, recovering what a previous process left.
   *
   * @param dir directory holding only this spool's files
   * @param maxBytes bound on the bytes of unacknowledged records
   * @param segmentBytes size at which a new segment file is started; at most {@code maxBytes}
   * @param syncPolicy when appended records are forced to disk
   * @param clock time source for the sync interval
   */
  public static DiskSpool open(
      Path dir, long maxBytes, long segmentBytes, SyncPolicy syncPolicy, Clock clock)
      throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(syncPolicy, "syncPolicy");
    Objects.requireNonNull(clock, "clock");
    if (maxBytes < HEADER + 1) {
      throw new IllegalArgumentException("maxBytes must be > " + HEADER + ", got " + maxBytes);
    }
    if (segmentBytes < 1 || segmentBytes > maxBytes || segmentBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "segmentBytes must be in [1, min(maxBytes, 2^31-1)], got " + segmentBytes);
    }
    return new DiskSpool(dir, maxBytes, segmentBytes, syncPolicy, clock);
  }

  /** Opens a spool with segments of a sixteenth of {@code maxBytes} and the default sync policy. */
  public static DiskSpool open(Path dir, long maxBytes, Clock clock) throws IOException {
    return open(
        dir,
        maxBytes,
        Math.min(Integer.MAX_VALUE, Math.max(1, maxBytes / 16)),
        SyncPolicy.DEFAULT,
        clock);
  }

  /** Bytes one record with these key and value lengths occupies on disk. */
  public static int sizeOnDisk(int keyLength, int valueLength) {
    return HEADER + keyLength + valueLength;
  }

  /** Appends a record when it fits in the bound; returns false, appending nothing, otherwise. */
  public boolean offer(byte[] key, byte[] value) {
    int size = checkedSize(key, value);
    lock.lock();
    try {
      ensureOpen();
      if (!fits(size)) {
        return false;
      }
      write(key, value, size);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends a record, waiting while the spool is full (backpressure).
   *
   * @return the record's position
   * @throws InterruptedException when interrupted while waiting; nothing was appended
   */
  public long append(byte[] key, byte[] value) throws InterruptedException {
    int size = checkedSize(key, value);
    lock.lockInterruptibly();
    try {
      ensureOpen();
      while (!fits(size)) {
        notFull.await();
        ensureOpen();
      }
      return write(key, value, size);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends a record even when that exceeds the bound, for records already accepted elsewhere that
   * must not be lost. Callers keep such overshoot small.
   *
   * @return the record's position
   */
  public long appendBeyondBound(byte[] key, byte[] value) {
    int size = checkedSize(key, value);
    lock.lock();
    try {
      ensureOpen();
      return write(key, value, size);
    } finally {
      lock.unlock();
    }
  }

  /** Whether a record of these lengths would be accepted by {@link #offer} now. */
  public boolean fits(int keyLength, int valueLength) {
    lock.lock();
    try {
      return fits(sizeOnDisk(keyLength, valueLength));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reads up to {@code maxRecords} records in order, starting at {@code from} or at the head when
   * {@code from} is before it, stopping before the record that would make the total size exceed
   * {@code maxBytes} (at least one record is returned when any is available).
   */
  public List<SpoolRecord> read(long from, int maxRecords, long maxBytes) {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be >= 1, got " + maxRecords);
    }
    lock.lock();
    try {
      ensureOpen();
      List<SpoolRecord> out = new ArrayList<>();
      long position = Math.max(from, head);
      long budget = maxBytes;
      for (Segment segment : segments) {
        if (out.size() >= maxRecords || budget <= 0) {
          break;
        }
        if (position >= segment.end()) {
          continue;
        }
        position = Math.max(position, segment.base);
        long last = position;
        while (last < segment.end() && out.size() + (last - position) < maxRecords) {
          long recordSize = segment.offsetOf(last + 1) - segment.offsetOf(last);
          if (recordSize > budget && (out.size() > 0 || last > position)) {
            budget = 0;
            break;
          }
          budget -= recordSize;
          last++;
        }
        readRange(segment, position, last, out);
        position = last;
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spool " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Reads up to {@code maxRecords} records from the head, without acknowledging them. */
  public List<SpoolRecord> peek(int maxRecords) {
    return read(head(), maxRecords, Long.MAX_VALUE);
  }

  /**
   * Waits until a record at or after {@code from} exists, or the timeout passes.
   *
   * @return whether such a record exists
   */
  public boolean awaitRecords(long from, long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (!closed && tail() <= Math.max(from, head)) {
        if (nanos <= 0) {
          return false;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Acknowledges every record up to and including {@code position}; deletes segments left with no
   * unacknowledged record. Positions before the head are ignored.
   *
   * @throws IllegalArgumentException when {@code position} was never appended
   */
  public void ack(long position) {
    lock.lock();
    try {
      ensureOpen();
      if (position < head) {
        return;
      }
      if (position >= tail()) {
        throw new IllegalArgumentException(
            "cannot acknowledge position " + position + ": the spool ends before " + tail());
      }
      head = position + 1;
      boolean deleted = false;
      while (segments.size() > 1 && segments.peekFirst().end() <= head) {
        segments.pollFirst().delete();
        deleted = true;
      }
      Segment first = segments.peekFirst();
      if (head < first.base) {
        head = first.base;
      }
      recount();
      if (deleted || unackedRecords == 0 || head - headWritten >= HEAD_WRITE_INTERVAL) {
        writeHead();
      }
      notFull.signalAll();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot acknowledge in spool " + dir + ": " + e, e);
    } finally {
      lock.unlock();
    }
  }

  /** Position of the oldest unacknowledged record (equal to {@link #tail()} when empty). */
  public long head() {
    lock.lock();
    try {
      return head;
    } finally {
      lock.unlock();
    }
  }

  /** Position the next appended record will get. */
  public long tail() {
    lock.lock();
    try {
      return active.end();
    } finally {
      lock.unlock();
    }
  }

  /** Unacknowledged records. */
  public long depth() {
    lock.lock();
    try {
      return unackedRecords;
    } finally {
      lock.unlock();
    }
  }

  /** Bytes of unacknowledged records, headers included. */
  public long bytes() {
    lock.lock();
    try {
      return unackedBytes;
    } finally {
      lock.unlock();
    }
  }

  /** The bound on {@link #bytes()}. */
  public long maxBytes() {
    return maxBytes;
  }

  /** What the last {@link #open} recovered. */
  public SpoolRecovery recovery() {
    return recovery;
  }

  /** Forces appended records to disk now. */
  public void sync() {
    lock.lock();
    try {
      ensureOpen();
      forceActive();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync spool " + dir + ": " + e, e);
    } finally {
      lock.unlock();
    }
  }

  /** Syncs when records are waiting and the policy's interval has passed; call it periodically. */
  public void syncIfDue() {
    lock.lock();
    try {
      if (!closed && unsynced > 0 && intervalElapsed()) {
        forceActive();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync spool " + dir + ": " + e, e);
    } finally {
      lock.unlock();
    }
  }

  /** Syncs and closes the files; waiting appenders and readers are released. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      try {
        forceActive();
        if (head != headWritten) {
          writeHead();
        }
      } finally {
        closed = true;
        notFull.signalAll();
        notEmpty.signalAll();
        closeQuietly();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "DiskSpool[" + dir + "]";
  }

  private int checkedSize(byte[] key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    long size = (long) HEADER + key.length + value.length;
    if (size > maxBytes || size > segmentBytes || size > MAX_RECORD) {
      throw new IllegalArgumentException(
          "record of "
              + size
              + " bytes exceeds the spool's limit of "
              + Math.min(Math.min(maxBytes, segmentBytes), MAX_RECORD)
              + " bytes");
    }
    return (int) size;
  }

  private boolean fits(int size) {
    return unackedRecords == 0 || unackedBytes + size <= maxBytes;
  }

  private long write(byte[] key, byte[] value, int size) {
    try {
      if (active.size() + size > segmentBytes && active.count() > 0) {
        roll();
      }
      ByteBuffer buffer = ByteBuffer.allocate(size);
      buffer.putInt(size - 8).putInt(0).putInt(key.length).put(key).put(value);
      buffer.putInt(4, checksum(buffer.array(), size));
      buffer.flip();
      long offset = active.size();
      while (buffer.hasRemaining()) {
        offset += active.channel.write(buffer, offset);
      }
      long position = active.end();
      active.added(size);
      unackedRecords++;
      unackedBytes += size;
      unsynced++;
      if ((syncPolicy.everyRecords() > 0 && unsynced >= syncPolicy.everyRecords())
          || intervalElapsed()) {
        forceActive();
      }
      notEmpty.signalAll();
      return position;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to spool " + dir + ": " + e, e);
    }
  }

  private int checksum(byte[] record, int size) {
    crc.reset();
    crc.update(record, 0, 4);
    crc.update(record, 8, size - 8);
    return (int) crc.getValue();
  }

  private boolean intervalElapsed() {
    Duration interval = syncPolicy.interval();
    return !interval.isZero() && !clock.instant().isBefore(lastSync.plus(interval));
  }

  private void forceActive() throws IOException {
    if (active != null && active.channel.isOpen()) {
      active.channel.force(false);
    }
    unsynced = 0;
    lastSync = clock.instant();
  }

  private void roll() throws IOException {
    forceActive();
    active = createSegment(active.end());
  }

  private Segment createSegment(long base) throws IOException {
    Path path = Segment.pathFor(dir, base);
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Segment segment = new Segment(base, path, channel);
    segments.addLast(segment);
    return segment;
  }

  private void readRange(Segment segment, long from, long to, List<SpoolRecord> out)
      throws IOException {
    if (from >= to) {
      return;
    }
    long start = segment.offsetOf(from);
    int length = (int) (segment.offsetOf(to) - start);
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      int n = segment.channel.read(buffer, start + buffer.position());
      if (n < 0) {
        throw new IOException(
            "segment " + segment.path + " ends before offset " + (start + length));
      }
    }
    byte[] bytes = buffer.array();
    int offset = 0;
    for (long position = from; position < to; position++) {
      int size = (int) (segment.offsetOf(position + 1) - segment.offsetOf(position));
      byte[] record = new byte[size];
      System.arraycopy(bytes, offset, record, 0, size);
      ByteBuffer view = ByteBuffer.wrap(record);
      if (view.getInt(4) != checksum(record, size)) {
        throw new IOException(
            "CRC mismatch in "
                + segment.path
                + " at offset "
                + (start + offset)
                + " (position "
                + position
                + "): the file changed after it was written");
      }
      int keyLength = view.getInt(8);
      byte[] key = new byte[keyLength];
      byte[] value = new byte[size - HEADER - keyLength];
      System.arraycopy(record, HEADER, key, 0, keyLength);
      System.arraycopy(record, HEADER + keyLength, value, 0, value.length);
      out.add(new SpoolRecord(position, key, value));
      offset += size;
    }
  }

  private SpoolRecovery recover() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(p -> Segment.baseOf(p) >= 0)
              .sorted((a, b) -> Long.compare(Segment.baseOf(a), Segment.baseOf(b)))
              .toList();
    }
    int torn = 0;
    long truncated = 0;
    long previousEnd = 0;
    for (Path file : files) {
      long base = Segment.baseOf(file);
      if (base < previousEnd) {
        throw new IOException(
            "spool segment "
                + file
                + " starts at "
                + base
                + ", before the previous end "
                + previousEnd);
      }
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Segment segment = new Segment(base, file, channel);
      long cut = scan(segment);
      if (cut >= 0) {
        torn++;
        truncated += cut;
      }
      if (segment.count() == 0) {
        segment.delete();
        continue;
      }
      segments.addLast(segment);
      previousEnd = segment.end();
    }
    long checkpoint = readHead();
    long end = segments.isEmpty() ? Math.max(checkpoint, 0) : segments.peekLast().end();
    head = Math.min(Math.max(checkpoint, 0), end);
    while (!segments.isEmpty() && segments.peekFirst().end() <= head) {
      segments.pollFirst().delete();
    }
    if (!segments.isEmpty() && head < segments.peekFirst().base) {
      head = segments.peekFirst().base;
    }
    int kept = segments.size();
    active = createSegment(end);
    recount();
    SpoolRecovery result = new SpoolRecovery(kept, unackedRecords, torn, truncated);
    if (torn > 0) {
      LOG.warn(
          "spool {}: truncated {} torn or corrupt record tail(s), {} bytes, during recovery",
          dir,
          torn,
          truncated);
    }
    if (unackedRecords > 0) {
      LOG.info("spool {}: recovered {} unacknowledged records from {}", dir, unackedRecords, head);
    }
    return result;
  }

  /** Indexes a segment's records; truncates it at the first bad one and returns the bytes cut. */
  private long scan(Segment segment) throws IOException {
    FileChannel channel = segment.channel;
    long fileSize = channel.size();
    long offset = 0;
    ByteBuffer header = ByteBuffer.allocate(8);
    String problem = null;
    while (offset < fileSize) {
      if (fileSize - offset < HEADER) {
        problem = "short header";
        break;
      }
      header.clear();
      readFully(channel, header, offset);
      int length = header.getInt(0);
      if (length < 4 || length > MAX_RECORD - 8 || offset + 8 + length > fileSize) {
        problem = length < 4 || length > MAX_RECORD - 8 ? "bad length " + length : "short record";
        break;
      }
      ByteBuffer record = ByteBuffer.allocate(8 + length);
      readFully(channel, record, offset);
      byte[] bytes = record.array();
      int keyLength = record.getInt(8);
      if (record.getInt(4) != checksum(bytes, bytes.length)) {
        problem = "CRC mismatch";
        break;
      }
      if (keyLength < 0 || keyLength > length - 4) {
        problem = "bad key length " + keyLength;
        break;
      }
      segment.added(bytes.length);
      offset += bytes.length;
    }
    if (problem == null) {
      return -1;
    }
    LOG.warn(
        "spool segment {}: {} at offset {} (position {}); truncating {} bytes",
        segment.path,
        problem,
        offset,
        segment.end(),
        fileSize - offset);
    channel.truncate(offset);
    channel.force(true);
    return fileSize - offset;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long offset)
      throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  private long readHead() {
    Path file = dir.resolve(HEAD_FILE);
    try {
      if (!Files.exists(file)) {
        return -1;
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length != 12) {
        LOG.warn(
            "spool head checkpoint {} has {} bytes, expected 12; ignoring it", file, bytes.length);
        return -1;
      }
      crc.reset();
      crc.update(bytes, 0, 8);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      if (buffer.getInt(8) != (int) crc.getValue()) {
        LOG.warn("spool head checkpoint {} fails its CRC; ignoring it", file);
        return -1;
      }
      return buffer.getLong(0);
    } catch (IOException e) {
      LOG.warn("cannot read spool head checkpoint {}: {}; ignoring it", file, e.toString());
      return -1;
    }
  }

  private void writeHead() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(12).putLong(head);
    crc.reset();
    crc.update(buffer.array(), 0, 8);
    buffer.putInt((int) crc.getValue());
    Path tmp = dir.resolve(HEAD_FILE + ".tmp");
    Files.write(tmp, buffer.array());
    Files.move(tmp, dir.resolve(HEAD_FILE), StandardCopyOption.ATOMIC_MOVE);
    headWritten = head;
  }

  private void recount() {
    long records = 0;
    long bytes = 0;
    for (Segment segment : segments) {
      if (segment.end() > head) {
        records += segment.end() - Math.max(head, segment.base);
        bytes += segment.bytesFrom(head);
      }
    }
    unackedRecords = records;
    unackedBytes = bytes;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("spool " + dir + " is closed");
    }
  }

  private void closeQuietly() {
    for (Segment segment : segments) {
      try {
        segment.channel.close();
      } catch (IOException e) {
        LOG.debug("closing {}: {}", segment.path, e.toString());
      }
    }
    try {
      dirLock.release();
    } catch (IOException | RuntimeException e) {
      LOG.debug("releasing lock of {}: {}", dir, e.toString());
    }
    try {
      lockChannel.close();
    } catch (IOException e) {
      LOG.debug("closing lock of {}: {}", dir, e.toString());
    }
  }
}
