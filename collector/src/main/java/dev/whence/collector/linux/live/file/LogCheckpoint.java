package dev.whence.collector.linux.live.file;

import dev.whence.collector.linux.live.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How far an audit log has been read and acknowledged: the file's inode, the byte offset after the
 * last acknowledged line and that line's audit serial. Stored as one line {@code inode offset
 * serial}, replaced atomically.
 *
 * @param inode the log file's inode number
 * @param offset bytes of that file acknowledged
 * @param serial the serial of the last acknowledged line, -1 if unknown
 */
public record LogCheckpoint(long inode, long offset, long serial) {

  /** Writes the checkpoint atomically (temporary file, fsync, rename). */
  public void write(Path file) throws IOException {
    AtomicFiles.write(
        file, (inode + " " + offset + " " + serial + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Reads a checkpoint; empty when there is none.
   *
   * @throws IOException when the file exists but is not a checkpoint
   */
  public static Optional<LogCheckpoint> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    String[] parts = text.split(" ");
    try {
      if (parts.length != 3) {
        throw new NumberFormatException("3 numbers expected");
      }
      return Optional.of(
          new LogCheckpoint(
              Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])));
    } catch (NumberFormatException e) {
      throw new IOException(file + " is not a log checkpoint (inode offset serial): " + text, e);
    }
  }
}
