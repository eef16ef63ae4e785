package dev.whence.collector.linux.live.file;

import dev.whence.collector.linux.live.AuditLineHandler;
import dev.whence.collector.linux.live.AuditSerial;
import dev.whence.collector.linux.live.ReaderGate;
import dev.whence.collector.linux.live.SourcePosition.FilePosition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the audit log auditd writes ({@code audit.log}, rotated to {@code audit.log.1}, {@code
 * .2}...), line by line, across rotations and restarts.
 *
 * <p>Rotation is recognised by inode: when the active name no longer refers to the file being read,
 * that file is read to its end and the next newer file follows, so nothing between two files is
 * lost even when several rotations happened meanwhile. A checkpoint (inode, offset, serial) records
 * how far the data has been <em>acknowledged</em> by the caller ({@link #acknowledge}), never
 * merely read; after a restart reading resumes there, in whichever rotated file now holds that
 * inode. Lines are handed on without their newline; a handler that blocks stops the tailer.
 */
public final class AuditLogTailer implements AutoCloseable {

  /** Where to begin when there is no checkpoint yet. */
  public enum StartAt {
    /** The oldest rotated file's first byte. */
    BEGINNING,
    /** The active file's current end (only what is written from now on). */
    END
  }

  private static final Logger LOG = LoggerFactory.getLogger(AuditLogTailer.class);
  private static final int BUFFER = 256 * 1024;
  private static final int MAX_ROTATED = 999;

  private final Path logFile;
  private final Path checkpointFile;
  private final AuditLineHandler handler;
  private final StartAt startAt;
  private final Duration pollInterval;
  private final ReaderGate gate = new ReaderGate();
  private final byte[] buffer = new byte[BUFFER];
  private final LinkedHashSet<Long> finished = new LinkedHashSet<>();
  private FileChannel channel;
  private long inode = -1;
  private long offset;
  private int fill;
  private long linesRead;
  private LogCheckpoint acknowledged;

  /**
   * @param logFile the active log ({@link AuditdConfig#logFile()})
   * @param checkpointFile where the acknowledged position is kept (in the data dir)
   * @param handler receives each line
   * @param startAt where to begin without a checkpoint
   * @param pollInterval how long to wait at the end of the log before looking again
   */
  public AuditLogTailer(
      Path logFile,
      Path checkpointFile,
      AuditLineHandler handler,
      StartAt startAt,
      Duration pollInterval) {
    this.logFile = logFile;
    this.checkpointFile = checkpointFile;
    this.handler = handler;
    this.startAt = startAt;
    this.pollInterval = pollInterval;
  }

  /**
   * Positions the tailer from the checkpoint, or per {@link StartAt}; writes a first checkpoint.
   */
  public synchronized void open() throws IOException {
    Optional<LogCheckpoint> checkpoint = LogCheckpoint.read(checkpointFile);
    List<Rotated> files = rotationSet();
    if (checkpoint.isPresent()) {
      LogCheckpoint c = checkpoint.get();
      int at = indexOf(files, c.inode());
      if (at >= 0) {
        for (int i = 0; i < at; i++) {
          finished.add(files.get(i).inode());
        }
        Rotated f = files.get(at);
        long size = Files.size(f.path());
        long start = c.offset() <= size ? c.offset() : 0;
        if (c.offset() > size) {
          LOG.warn(
              "{} is shorter than the checkpoint offset {}; reading it again from 0",
              f.path(),
              c.offset());
        }
        switchTo(f, start);
        acknowledged = c;
        LOG.info("resuming {} (inode {}) at offset {}", f.path(), f.inode(), start);
        return;
      }
      LOG.warn(
          "the checkpointed log file (inode {}) was rotated away before it was read to its end;"
              + " resuming at the oldest file left (the serial gap will show what is missing)",
          c.inode());
      openFirst(files, StartAt.BEGINNING);
      return;
    }
    openFirst(files, startAt);
  }

  private void openFirst(List<Rotated> files, StartAt at) throws IOException {
    if (files.isEmpty()) {
      throw new NoSuchFileException(
          logFile.toString(), null, "no audit log to read (is auditd running?)");
    }
    Rotated f = at == StartAt.END ? files.get(files.size() - 1) : files.get(0);
    switchTo(f, at == StartAt.END ? Files.size(f.path()) : 0);
    LogCheckpoint start = new LogCheckpoint(inode, offset, -1);
    start.write(checkpointFile);
    acknowledged = start;
  }

  /** Reads everything available now, following rotations. Returns the number of lines delivered. */
  public int poll() throws IOException, InterruptedException {
    int delivered = 0;
    while (gate.awaitOpen()) {
      int n = readChunk();
      if (n > 0) {
        delivered += deliverLines(false);
        continue;
      }
      if (n < 0 && fill == buffer.length) {
        delivered += deliverLines(true);
        continue;
      }
      Optional<Rotated> next = nextFile();
      if (next.isEmpty()) {
        checkTruncation();
        return delivered;
      }
      while (readChunk() > 0 || fill == buffer.length) {
        delivered += deliverLines(fill == buffer.length);
      }
      if (fill > 0) {
        delivered += deliverLines(true);
      }
      finished.add(inode);
      while (finished.size() > 4 * MAX_ROTATED) {
        finished.remove(finished.iterator().next());
      }
      LOG.info(
          "audit log rotated: finished inode {} at offset {}, continuing with {}",
          inode,
          offset + fill,
          next.get().path());
      switchTo(next.get(), 0);
    }
    return delivered;
  }

  /** Polls until {@link #stop()}, waiting {@code pollInterval} whenever the log has no new line. */
  public void run() throws IOException, InterruptedException {
    while (!gate.isStopped()) {
      if (poll() == 0) {
        gate.sleep(pollInterval.toMillis());
      }
    }
  }

  /**
   * Records that every line up to {@code position} is durably published: the checkpoint advances to
   * it (atomically). Positions must be acknowledged in the order they were delivered; an older one
   * of the same file is ignored.
   */
  public synchronized void acknowledge(FilePosition position) throws IOException {
    if (acknowledged != null
        && acknowledged.inode() == position.inode()
        && acknowledged.offset() >= position.offset()) {
      return;
    }
    LogCheckpoint c =
        new LogCheckpoint(
            position.inode(),
            position.offset(),
            position.serial() >= 0
                ? position.serial()
                : acknowledged == null ? -1 : acknowledged.serial());
    c.write(checkpointFile);
    acknowledged = c;
  }

  /** The last checkpoint written. */
  public synchronized Optional<LogCheckpoint> checkpoint() {
    return Optional.ofNullable(acknowledged);
  }

  /** Lines delivered since this tailer was created. */
  public long linesRead() {
    return linesRead;
  }

  /** Stops reading before the next read until {@link #resume()}. */
  public void pause() {
    gate.pause();
  }

  /** Resumes reading. */
  public void resume() {
    gate.resume();
  }

  /** Ends {@link #run()}. */
  public void stop() {
    gate.stop();
  }

  private int readChunk() throws IOException {
    if (fill == buffer.length) {
      return -1;
    }
    int n = channel.read(ByteBuffer.wrap(buffer, fill, buffer.length - fill), offset + fill);
    if (n > 0) {
      fill += n;
    }
    return n;
  }

  private int deliverLines(boolean flushRest) throws InterruptedException {
    int start = 0;
    int delivered = 0;
    for (int i = 0; i < fill; i++) {
      if (buffer[i] == '\n') {
        deliver(start, i - start, offset + i + 1);
        delivered++;
        start = i + 1;
      }
    }
    if (flushRest && start < fill) {
      LOG.warn(
          "audit log line without newline at offset {} of inode {} ({} bytes) delivered as is",
          offset + start,
          inode,
          fill - start);
      deliver(start, fill - start, offset + fill);
      delivered++;
      start = fill;
    }
    System.arraycopy(buffer, start, buffer, 0, fill - start);
    offset += start;
    fill -= start;
    return delivered;
  }

  private void deliver(int start, int length, long end) throws InterruptedException {
    long serial = AuditSerial.of(buffer, start, length);
    linesRead++;
    handler.line(buffer, start, length, new FilePosition(inode, end, serial));
  }

  private void checkTruncation() throws IOException {
    if (channel.size() < offset + fill) {
      LOG.warn(
          "{} (inode {}) was truncated below offset {}; reading it again from 0",
          logFile,
          inode,
          offset + fill);
      offset = 0;
      fill = 0;
    }
  }

  private Optional<Rotated> nextFile() throws IOException {
    if (inodeOf(logFile).orElse(-1L) == inode) {
      return Optional.empty();
    }
    List<Rotated> files = rotationSet();
    int at = indexOf(files, inode);
    if (at == files.size() - 1) {
      return Optional.empty();
    }
    if (at >= 0) {
      return Optional.of(files.get(at + 1));
    }
    for (Rotated f : files) {
      if (!finished.contains(f.inode())) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private void switchTo(Rotated file, long position) throws IOException {
    FileChannel opened = FileChannel.open(file.path(), StandardOpenOption.READ);
    Optional<Long> now = inodeOf(file.path());
    if (now.isEmpty() || now.get() != file.inode()) {
      opened.close();
      throw new IOException(
          file.path() + " changed while it was being opened (rotation under way); try again");
    }
    if (channel != null) {
      channel.close();
    }
    channel = opened;
    inode = file.inode();
    offset = position;
    fill = 0;
  }

  /** The log and its rotated copies, oldest first, with their inodes. */
  List<Rotated> rotationSet() throws IOException {
    String base = logFile.getFileName().toString();
    java.util.TreeMap<Integer, Path> rotated = new java.util.TreeMap<>();
    Path dir = logFile.toAbsolutePath().getParent();
    try (var names = Files.list(dir)) {
      names.forEach(
          p -> {
            String name = p.getFileName().toString();
            if (name.startsWith(base + ".")) {
              String suffix = name.substring(base.length() + 1);
              if (suffix.matches("[1-9][0-9]{0,2}")) {
                rotated.put(Integer.parseInt(suffix), logFile.resolveSibling(name));
              }
            }
          });
    }
    List<Rotated> files = new ArrayList<>();
    for (Path p : rotated.descendingMap().values()) {
      inodeOf(p).ifPresent(ino -> files.add(new Rotated(p, ino)));
    }
    inodeOf(logFile).ifPresent(ino -> files.add(new Rotated(logFile, ino)));
    return files;
  }

  private static int indexOf(List<Rotated> files, long inode) {
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i).inode() == inode) {
        return i;
      }
    }
    return -1;
  }

  private static Optional<Long> inodeOf(Path path) throws IOException {
    try {
      return Optional.of((Long) Files.getAttribute(path, "unix:ino"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** One file of the rotation set. */
  record Rotated(Path path, long inode) {}

  @Override
  public synchronized void close() throws IOException {
    stop();
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
