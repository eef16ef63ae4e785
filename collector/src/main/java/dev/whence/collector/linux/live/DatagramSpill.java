package dev.whence.collector.linux.live;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A first-in first-out file of datagrams, the overflow of a full {@link DatagramRing}: each one a
 * 4-byte length and its bytes. Not thread-safe: the ring calls it under its lock. The file is
 * truncated whenever it has been read to its end, and deleted on close; what it held at a crash is
 * not replayed (the serial gap at restart reports it).
 */
final class DatagramSpill implements Closeable {

  private final Path file;
  private final long limit;
  private final FileChannel channel;
  private final ByteBuffer out;
  private final ByteBuffer in = ByteBuffer.allocate(256 << 10).order(ByteOrder.nativeOrder());
  private long writeAt;
  private long readAt;
  private long highWater;
  private long inEnd;

  /**
   * @param file created (with its directory) or truncated
   * @param limitBytes the most the file may hold
   * @param largestDatagram the longest datagram {@link #append} will be given
   */
  DatagramSpill(Path file, long limitBytes, int largestDatagram) throws IOException {
    if (limitBytes < 4L + largestDatagram) {
      throw new IllegalArgumentException(
          "a spill of " + limitBytes + " bytes cannot hold a datagram of " + largestDatagram);
    }
    this.file = file;
    this.limit = limitBytes;
    this.out = ByteBuffer.allocateDirect(4 + largestDatagram).order(ByteOrder.nativeOrder());
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    in.flip();
  }

  /** Whether {@code length} more bytes fit under the limit. */
  boolean fits(int length) {
    return writeAt + 4 + length <= limit;
  }

  /** Appends {@code length} bytes of {@code source} from absolute index {@code offset}. */
  void append(ByteBuffer source, int offset, int length) throws IOException {
    out.clear();
    out.putInt(length).put(source.slice(offset, length));
    out.flip();
    while (out.hasRemaining()) {
      writeAt += channel.write(out, writeAt);
    }
    highWater = Math.max(highWater, writeAt - readAt);
  }

  /** Whether every appended datagram was taken. */
  boolean isEmpty() {
    return readAt == writeAt;
  }

  /** Copies the oldest datagram into {@code target} and returns its length; not when empty. */
  int take(byte[] target) throws IOException {
    if (isEmpty()) {
      throw new IllegalStateException("the spill is empty");
    }
    buffered(4);
    int length = in.getInt();
    if (length < 0 || length > target.length || readAt + 4 + length > writeAt) {
      throw new IOException("corrupt spill file " + file + " at " + readAt + ": length " + length);
    }
    buffered(length);
    in.get(target, 0, length);
    readAt += 4 + length;
    if (isEmpty()) {
      channel.truncate(0);
      readAt = 0;
      writeAt = 0;
      inEnd = 0;
      in.clear().flip();
    }
    return length;
  }

  private void buffered(int bytes) throws IOException {
    if (in.remaining() >= bytes) {
      return;
    }
    in.compact();
    while (in.position() < bytes) {
      int n = channel.read(in, inEnd);
      if (n < 0) {
        throw new IOException("spill file " + file + " ended before its last datagram");
      }
      inEnd += n;
    }
    in.flip();
  }

  /** Bytes appended and not yet taken. */
  long bytes() {
    return writeAt - readAt;
  }

  /** The most bytes ever held at once. */
  long highWater() {
    return highWater;
  }

  /** Closes and deletes the file. */
  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
