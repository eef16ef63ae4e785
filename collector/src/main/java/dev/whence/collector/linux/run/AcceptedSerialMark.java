package dev.whence.collector.linux.run;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The highest audit serial whose event the publisher has accepted (written ahead to its spool),
 * kept in a small memory-mapped file of the data dir, in netlink mode. Writing it costs a memory
 * store, so it is updated after every event, and a killed process still leaves it in the page
 * cache: the next start reports as lost exactly the serials after it, not those spooled and sent
 * later.
 *
 * <p>Layout: 36 bytes of boot id, 8 bytes of serial (big-endian). Not thread-safe.
 */
final class AcceptedSerialMark implements AutoCloseable {

  /** File name in the data dir. */
  static final String FILE = "audit-netlink-accepted.mark";

  private static final int BOOT_BYTES = 36;
  private static final int SIZE = BOOT_BYTES + Long.BYTES;

  private final FileChannel channel;
  private final MappedByteBuffer map;
  private long serial = -1;

  private AcceptedSerialMark(FileChannel channel, MappedByteBuffer map) {
    this.channel = channel;
    this.map = map;
  }

  /** The serial a previous run left for {@code bootId}, if any. */
  static OptionalLong read(Path dataDir, String bootId) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file) || Files.size(file) != SIZE) {
      return OptionalLong.empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    String boot = new String(bytes, 0, BOOT_BYTES, StandardCharsets.US_ASCII);
    long value = java.nio.ByteBuffer.wrap(bytes, BOOT_BYTES, Long.BYTES).getLong();
    return boot.equals(bootId) && value >= 0 ? OptionalLong.of(value) : OptionalLong.empty();
  }

  /** Opens (creating) the mark for {@code bootId}, keeping a serial the file has for that boot. */
  static AcceptedSerialMark open(Path dataDir, String bootId) throws IOException {
    byte[] boot = bootId.getBytes(StandardCharsets.US_ASCII);
    if (boot.length != BOOT_BYTES) {
      throw new IllegalArgumentException("boot id must have 36 characters, got " + bootId);
    }
    OptionalLong previous = read(dataDir, bootId);
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
