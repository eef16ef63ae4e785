package dev.whence.collector.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** One segment file of a {@link DiskSpool}: its records' file offsets and its open channel. */
final class Segment {

  static final String SUFFIX = ".spool";

  final long base;
  final Path path;
  final FileChannel channel;
  private int[] offsets = new int[64];
  private int count;
  private long size;

  Segment(long base, Path path, FileChannel channel) {
    this.base = base;
    this.path = path;
    this.channel = channel;
  }

  static Path pathFor(Path dir, long base) {
    return dir.resolve(String.format("%020d%s", base, SUFFIX));
  }

  /** The base position encoded in a segment file name, or -1 when the name is not a segment's. */
  static long baseOf(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(SUFFIX) || name.length() != 20 + SUFFIX.length()) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, 20));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  void added(int sizeOnDisk) {
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, count * 2);
    }
    offsets[count++] = (int) size;
    size += sizeOnDisk;
  }

  int count() {
    return count;
  }

  long size() {
    return size;
  }

  /** Position after this segment's last record. */
  long end() {
    return base + count;
  }

  boolean contains(long position) {
    return position >= base && position < end();
  }

  /** File offset of the record at {@code position}; {@code end()} maps to the segment size. */
  long offsetOf(long position) {
    int index = (int) (position - base);
    return index == count ? size : offsets[index];
  }

  /** Bytes of the records from {@code position} (clamped to this segment) to the end. */
  long bytesFrom(long position) {
    if (position >= end()) {
      return 0;
    }
    return size - offsetOf(Math.max(position, base));
  }

  void delete() throws IOException {
    channel.close();
    Files.deleteIfExists(path);
  }
}
