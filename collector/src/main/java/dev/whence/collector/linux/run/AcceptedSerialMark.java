package dev.whence.collector.linux.run;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Which audit serials the publisher has accepted (written ahead to its spool) in netlink mode, kept
 * in a small memory-mapped file of the data dir: the mark, the highest serial up to which
 * <em>every</em> serial is accounted for (accepted, or reported lost by a restart), and a bitmap of
 * the serials accepted beyond it. The kernel delivers the records of different CPUs slightly out of
 * serial order, so serial 100 can be spooled while 99 is still arriving: the mark then stays at 98
 * and 100 is a bit beyond it. Writing costs a few memory stores, so it is updated after every
 * event, and a killed process still leaves it in the page cache: the next start reports as lost
 * exactly the serials after the mark that are not among those accepted beyond it. It is updated
 * after the publisher took the event, never before: a kill between the two reports that one serial
 * lost although it was spooled and reaches Kafka (over-counted, never hidden).
 *
 * <p>The bitmap covers the {@value #WINDOW} serials after the mark. A serial accepted further ahead
 * moves the mark up to keep it in the window: the serials passed over that were never accepted
 * (records the kernel stamped and then lost, a refused line without a serial) are gaps of the
 * running collector, which its {@code CompletenessTracker} reports; a restart no longer counts
 * them. The first serial accepted without a mark sets the mark just below itself.
 *
 * <p>After a restart the mark is {@linkplain #hold() held} until the restart gap is reported: a
 * serial beyond the window then waits in memory instead of moving the mark over the unreported gap,
 * so a second kill before the report still finds the whole gap after the mark (the waiting serials
 * are then reported lost although spooled: a loss is over-counted, never hidden).
 *
 * <p>Layout: 36 bytes of boot id, 8 bytes of mark (big-endian), then {@value #WINDOW} bits, the bit
 * of serial S being bit {@code S % 8} of byte {@code (S % WINDOW) / 8}. A file of an earlier layout
 * (44 bytes, or 256 slots of serials) is read as its mark alone. Thread-safe.
 */
final class AcceptedSerialMark implements AutoCloseable {

  /** File name in the data dir. */
  static final String FILE = "audit-netlink-accepted.mark";

  /** Serials after the mark whose acceptance the file keeps. */
  static final int WINDOW = 1 << 16;

  private static final int BOOT_BYTES = 36;
  private static final int MARK_ONLY_SIZE = BOOT_BYTES + Long.BYTES;
  private static final int SLOT_LAYOUT_SIZE = MARK_ONLY_SIZE + 256 * Long.BYTES;
  private static final int SIZE = MARK_ONLY_SIZE + WINDOW / Byte.SIZE;

  /** Serials beyond the window kept while held; more are not recorded (reported lost if killed). */
  static final int MAX_WAITING = 1 << 16;

  private final FileChannel channel;
  private final MappedByteBuffer map;
  private long serial = -1;
  private boolean held;
  private long[] waiting = new long[0];
  private int waitingCount;

  private AcceptedSerialMark(FileChannel channel, MappedByteBuffer map) {
    this.channel = channel;
    this.map = map;
  }

  /** The mark a previous run left for {@code bootId}, if any. */
  static OptionalLong read(Path dataDir, String bootId) throws IOException {
    long value = markOf(load(dataDir, bootId));
    return value >= 0 ? OptionalLong.of(value) : OptionalLong.empty();
  }

  /** The serials a previous run of {@code bootId} accepted beyond its mark. */
  static NavigableSet<Long> readAcceptedBeyond(Path dataDir, String bootId) throws IOException {
    ByteBuffer bytes = load(dataDir, bootId);
    TreeSet<Long> out = new TreeSet<>();
    if (bytes == null || bytes.capacity() != SIZE) {
      return out;
    }
    long mark = markOf(bytes);
    if (mark < 0) {
      return out;
    }
    for (long s = mark + 1; s <= mark + WINDOW; s++) {
      if (isSet(bytes, s)) {
        out.add(s);
      }
    }
    return Collections.unmodifiableNavigableSet(out);
  }

  /** The mark of a loaded file, -1 for none (no file, another boot, or none yet). */
  private static long markOf(ByteBuffer bytes) {
    long value = bytes == null ? -1 : bytes.getLong(BOOT_BYTES);
    return value >= 0 ? value : -1;
  }

  private static ByteBuffer load(Path dataDir, String bootId) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    long size = Files.size(file);
    if (size != SIZE && size != SLOT_LAYOUT_SIZE && size != MARK_ONLY_SIZE) {
      return null;
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length != size) {
      return null;
    }
    String boot = new String(bytes, 0, BOOT_BYTES, StandardCharsets.US_ASCII);
    return boot.equals(bootId) ? ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN) : null;
  }

  /**
   * Opens (creating) the mark for {@code bootId}, keeping the mark and the serials accepted beyond
   * it that the file has for that boot (a file of this boot in the current layout is kept as it
   * is).
   */
  static AcceptedSerialMark open(Path dataDir, String bootId) throws IOException {
    byte[] boot = bootId.getBytes(StandardCharsets.US_ASCII);
    if (boot.length != BOOT_BYTES) {
      throw new IllegalArgumentException("boot id must have 36 characters, got " + bootId);
    }
    ByteBuffer left = load(dataDir, bootId);
    Files.createDirectories(dataDir);
    FileChannel channel =
        FileChannel.open(
            dataDir.resolve(FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    channel.truncate(SIZE);
    MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
    map.order(ByteOrder.BIG_ENDIAN);
    AcceptedSerialMark mark = new AcceptedSerialMark(channel, map);
    mark.serial = markOf(left);
    if (left == null || left.capacity() != SIZE) {
      // No file of this boot in the current layout: its bitmap, if any, is not ours to keep.
      for (int i = MARK_ONLY_SIZE; i < SIZE; i++) {
        map.put(i, (byte) 0);
      }
      map.putLong(BOOT_BYTES, mark.serial);
      map.put(0, boot);
    }
    return mark;
  }

  /** Records that the event (or refused record) of serial {@code value} is accepted. */
  synchronized void accepted(long value) {
    if (value < 0 || value <= serial) {
      return;
    }
    if (serial < 0) {
      moveTo(value - 1);
    } else if (value > serial + WINDOW) {
      if (held) {
        await(value);
        return;
      }
      moveTo(value - WINDOW);
    }
    set(value);
    takeInAcceptedAfterMark();
  }

  /**
   * Keeps the mark from moving over serials that are neither accepted nor yet reported lost (a
   * restart gap being measured) until {@link #release()}.
   */
  synchronized void hold() {
    held = true;
  }

  /** Ends {@link #hold()}: the serials that waited are recorded now. */
  synchronized void release() {
    if (!held) {
      return;
    }
    held = false;
    long[] pending = Arrays.copyOf(waiting, waitingCount);
    waiting = new long[0];
    waitingCount = 0;
    Arrays.sort(pending);
    for (long value : pending) {
      accepted(value);
    }
  }

  private void await(long value) {
    if (waitingCount == MAX_WAITING) {
      return;
    }
    if (waitingCount == waiting.length) {
      waiting = Arrays.copyOf(waiting, Math.max(16, 2 * waitingCount));
    }
    waiting[waitingCount++] = value;
  }

  /**
   * Marks every serial up to {@code value} as accounted for (a restart reported the ones its run
   * never accepted as lost), then takes in those accepted just after it.
   */
  synchronized void accountedThrough(long value) {
    if (value <= serial) {
      return;
    }
    moveTo(value);
    takeInAcceptedAfterMark();
  }

  /** The mark now: every serial up to it is accounted for. */
  synchronized long serial() {
    return serial;
  }

  /** Raises the mark over the serials accepted right after it. */
  private void takeInAcceptedAfterMark() {
    long next = serial;
    while (next - serial < WINDOW && isSet(next + 1)) {
      next++;
    }
    moveTo(next);
  }

  /** Raises the mark to {@code value}, clearing the bits of the serials it passes. */
  private void moveTo(long value) {
    if (value <= serial) {
      return;
    }
    long last = serial < 0 ? serial : Math.min(value, serial + WINDOW);
    for (long s = serial + 1; s <= last; s++) {
      int at = byteOf(s);
      map.put(at, (byte) (map.get(at) & ~bitOf(s)));
    }
    // The bits go before the mark moves (a kill in between over-counts a loss); without the fence
    // the compiler could store the mark first, and a stale bit would then read as a serial beyond
    // it.
    VarHandle.releaseFence();
    serial = value;
    map.putLong(BOOT_BYTES, value);
  }

  private boolean isSet(long value) {
    return isSet(map, value);
  }

  private static boolean isSet(ByteBuffer bitmap, long value) {
    return (bitmap.get(byteOf(value)) & bitOf(value)) != 0;
  }

  private void set(long value) {
    int at = byteOf(value);
    map.put(at, (byte) (map.get(at) | bitOf(value)));
  }

  private static int byteOf(long value) {
    return MARK_ONLY_SIZE + (int) (Math.floorMod(value, WINDOW) >>> 3);
  }

  private static int bitOf(long value) {
    return 1 << (int) (value & 7);
  }

  @Override
  public synchronized void close() throws IOException {
    map.force();
    channel.close();
  }
}
