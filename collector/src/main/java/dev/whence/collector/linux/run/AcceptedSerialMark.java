package dev.whence.collector.linux.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * What the publisher has accepted (written ahead to its spool) in netlink mode, kept in a small
 * memory-mapped file of the data dir: the mark, the highest serial up to which every line's event
 * is accepted, and the serials of events accepted beyond it (an event that closes while an older
 * one is still open). Writing costs a memory store, so it is updated after every event, and a
 * killed process still leaves it in the page cache: the next start reports as lost exactly the
 * serials after the mark that are not among those accepted beyond it, not those spooled and sent
 * later.
 *
 * <p>Layout: 36 bytes of boot id, 8 bytes of mark, then {@value #SLOTS} slots of 8 bytes, the slot
 * of serial S being S modulo {@value #SLOTS} (all big-endian). Two accepted serials sharing a slot
 * keep only the later one: the other is then reported lost although it was spooled (a loss is never
 * hidden). A file of the earlier 44-byte layout is read as its mark. Not thread-safe.
 */
final class AcceptedSerialMark implements AutoCloseable {

  /** File name in the data dir. */
  static final String FILE = "audit-netlink-accepted.mark";

  /** Slots for serials accepted beyond the mark. */
  static final int SLOTS = 256;

  private static final int BOOT_BYTES = 36;
  private static final int MARK_ONLY_SIZE = BOOT_BYTES + Long.BYTES;
  private static final int SIZE = MARK_ONLY_SIZE + SLOTS * Long.BYTES;

  private final FileChannel channel;
  private final MappedByteBuffer map;
  private long serial = -1;

  private AcceptedSerialMark(FileChannel channel, MappedByteBuffer map) {
    this.channel = channel;
    this.map = map;
  }

  /** The mark a previous run left for {@code bootId}, if any. */
  static OptionalLong read(Path dataDir, String bootId) throws IOException {
    ByteBuffer bytes = load(dataDir, bootId);
    if (bytes == null) {
      return OptionalLong.empty();
    }
    long value = bytes.getLong(BOOT_BYTES);
    return value >= 0 ? OptionalLong.of(value) : OptionalLong.empty();
  }

  /** The serials a previous run of {@code bootId} accepted beyond its mark. */
  static NavigableSet<Long> readAcceptedBeyond(Path dataDir, String bootId) throws IOException {
    ByteBuffer bytes = load(dataDir, bootId);
    TreeSet<Long> out = new TreeSet<>();
    if (bytes == null || bytes.capacity() != SIZE) {
      return out;
    }
    long mark = bytes.getLong(BOOT_BYTES);
    for (int i = 0; i < SLOTS; i++) {
      long s = bytes.getLong(MARK_ONLY_SIZE + i * Long.BYTES);
      if (s > mark && Math.floorMod(s, SLOTS) == i) {
        out.add(s);
      }
    }
    return Collections.unmodifiableNavigableSet(out);
  }

  private static ByteBuffer load(Path dataDir, String bootId) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    long size = Files.size(file);
    if (size != SIZE && size != MARK_ONLY_SIZE) {
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
   * it that the file has for that boot.
   */
  static AcceptedSerialMark open(Path dataDir, String bootId) throws IOException {
    byte[] boot = bootId.getBytes(StandardCharsets.US_ASCII);
    if (boot.length != BOOT_BYTES) {
      throw new IllegalArgumentException("boot id must have 36 characters, got " + bootId);
    }
    OptionalLong previous = read(dataDir, bootId);
    NavigableSet<Long> beyond = readAcceptedBeyond(dataDir, bootId);
    Files.createDirectories(dataDir);
    FileChannel channel =
        FileChannel.open(
            dataDir.resolve(FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
    map.order(ByteOrder.BIG_ENDIAN);
    AcceptedSerialMark mark = new AcceptedSerialMark(channel, map);
    for (int i = 0; i < SLOTS; i++) {
      map.putLong(MARK_ONLY_SIZE + i * Long.BYTES, -1);
    }
    for (long s : beyond) {
      map.putLong(slot(s), s);
    }
    map.putLong(BOOT_BYTES, previous.orElse(-1));
    map.put(0, boot);
    mark.serial = previous.orElse(-1);
    return mark;
  }

  /** Raises the mark to {@code value} (lower values are ignored). */
  void advance(long value) {
    if (value > serial) {
      serial = value;
      map.putLong(BOOT_BYTES, value);
    }
  }

  /** Records that the event of {@code value} is accepted; kept when it is beyond the mark. */
  void accepted(long value) {
    if (value > serial) {
      map.putLong(slot(value), value);
    }
  }

  private static int slot(long value) {
    return MARK_ONLY_SIZE + Math.floorMod(value, SLOTS) * Long.BYTES;
  }

  /** The mark now. */
  long serial() {
    return serial;
  }

  @Override
  public void close() throws IOException {
    map.force();
    channel.close();
  }
}
