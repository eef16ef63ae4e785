package dev.whence.collector.linux.live.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.collector.linux.live.AuditLineHandler;
import dev.whence.collector.linux.live.SourcePosition;
import dev.whence.collector.linux.live.SourcePosition.FilePosition;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTailerTest {

  @TempDir Path dir;

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<FilePosition> positions = new CopyOnWriteArrayList<>();
  private final AuditLineHandler collect =
      (buffer, offset, length, position) -> {
        lines.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
        positions.add((FilePosition) position);
      };

  private Path log() {
    return dir.resolve("audit.log");
  }

  private Path checkpoint() {
    return dir.resolve("state/audit-log.checkpoint");
  }

  private static String record(int serial) {
    return "type=SYSCALL msg=audit(1700000000.000:" + serial + "): syscall=59 n=" + serial;
  }

  private static void append(Path file, int fromSerial, int toSerial) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int s = fromSerial; s <= toSerial; s++) {
      text.append(record(s)).append('\n');
    }
    Files.writeString(
        file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  private static List<String> records(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(AuditLogTailerTest::record).toList();
  }

  private AuditLogTailer tailer(AuditLogTailer.StartAt at) throws Exception {
    AuditLogTailer t = new AuditLogTailer(log(), checkpoint(), collect, at, Duration.ofMillis(10));
    t.open();
    return t;
  }

  private static long inode(Path p) throws Exception {
    return (Long) Files.getAttribute(p, "unix:ino");
  }

  private void rotate(int keep) throws Exception {
    for (int i = keep - 1; i >= 1; i--) {
      Path from = dir.resolve("audit.log." + i);
      if (Files.exists(from)) {
        Files.move(from, dir.resolve("audit.log." + (i + 1)));
      }
    }
    Files.move(log(), dir.resolve("audit.log.1"));
  }

  @Test
  void deliversCompleteLinesWithTheirInodeOffsetAndSerial() throws Exception {
    append(log(), 1, 3);
    Files.writeString(log(), "type=EOE msg=audit(1.0:4", StandardOpenOption.APPEND);
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.BEGINNING)) {
      assertThat(t.poll()).isEqualTo(3);
      assertThat(lines).isEqualTo(records(1, 3));
      long ino = inode(log());
      int lineLength = record(1).length() + 1;
      assertThat(positions.get(0)).isEqualTo(new FilePosition(ino, lineLength, 1));
      assertThat(positions.get(2)).isEqualTo(new FilePosition(ino, 3L * lineLength, 3));
      Files.writeString(log(), "):\n", StandardOpenOption.APPEND);
      assertThat(t.poll()).isEqualTo(1);
      assertThat(lines.get(3)).isEqualTo("type=EOE msg=audit(1.0:4):");
      assertThat(positions.get(3).serial()).isEqualTo(4);
      assertThat(positions.get(3).offset()).isEqualTo(Files.size(log()));
    }
  }

  @Test
  void finishesTheRotatedFileBeforeTheNewOneEvenWhenItGrewAfterTheRename() throws Exception {
    append(log(), 1, 5);
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.BEGINNING)) {
      t.poll();
      try (OutputStream old = Files.newOutputStream(log(), StandardOpenOption.APPEND)) {
        rotate(5);
        old.write((String.join("\n", records(6, 8)) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      append(log(), 9, 12);
      t.poll();
      assertThat(lines).isEqualTo(records(1, 12));
      assertThat(positions.get(7).inode()).isEqualTo(inode(dir.resolve("audit.log.1")));
      assertThat(positions.get(8).inode()).isEqualTo(inode(log()));
    }
  }

  @Test
  void followsSeveralRotationsBetweenTwoLooks() throws Exception {
    append(log(), 1, 2);
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.BEGINNING)) {
      t.poll();
      append(log(), 3, 4);
      rotate(5);
      append(log(), 5, 6);
      rotate(5);
      append(log(), 7, 8);
      rotate(5);
      append(log(), 9, 9);
      t.poll();
      assertThat(lines).isEqualTo(records(1, 9));
    }
  }

  @Test
  void resumesAfterTheAcknowledgedLineInWhicheverFileNowHoldsIt() throws Exception {
    append(log(), 1, 10);
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.BEGINNING)) {
      t.poll();
      t.acknowledge(positions.get(3));
      assertThat(t.checkpoint()).hasValueSatisfying(c -> assertThat(c.serial()).isEqualTo(4));
    }
    rotate(5);
    append(log(), 11, 12);
    rotate(5);
    append(log(), 13, 13);
    lines.clear();
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.END)) {
      t.poll();
      assertThat(lines).isEqualTo(records(5, 13));
    }
  }

  @Test
  void theCheckpointMovesOnlyWithAcknowledgements() throws Exception {
    append(log(), 1, 4);
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.BEGINNING)) {
      t.poll();
      assertThat(LogCheckpoint.read(checkpoint())).contains(new LogCheckpoint(inode(log()), 0, -1));
      t.acknowledge(positions.get(1));
      t.acknowledge(positions.get(0));
      assertThat(LogCheckpoint.read(checkpoint()))
          .contains(new LogCheckpoint(inode(log()), positions.get(1).offset(), 2));
    }
    lines.clear();
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.BEGINNING)) {
      t.poll();
      assertThat(lines).isEqualTo(records(3, 4));
    }
  }

  @Test
  void withoutCheckpointEndStartsWithWhatIsWrittenFromNowOn() throws Exception {
    append(log(), 1, 3);
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.END)) {
      assertThat(t.poll()).isZero();
      append(log(), 4, 4);
      t.poll();
      assertThat(lines).isEqualTo(records(4, 4));
    }
  }

  @Test
  void aCheckpointWhoseFileWasRotatedAwayResumesAtTheOldestFileLeft() throws Exception {
    append(log(), 1, 2);
    new LogCheckpoint(inode(log()) + 999_999, 10, 1).write(checkpoint());
    rotate(5);
    append(log(), 3, 3);
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.END)) {
      t.poll();
      assertThat(lines).isEqualTo(records(1, 3));
    }
  }

  @Test
  void aPausedTailerReadsNothingUntilResumed() throws Exception {
    append(log(), 1, 3);
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.BEGINNING)) {
      t.pause();
      List<Throwable> failures = new ArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                try {
                  t.poll();
                } catch (Exception e) {
                  failures.add(e);
                }
              });
      reader.start();
      reader.join(200);
      assertThat(lines).isEmpty();
      t.resume();
      reader.join(5000);
      assertThat(failures).isEmpty();
      assertThat(lines).isEqualTo(records(1, 3));
    }
  }

  @Test
  void aBlockingHandlerHoldsTheTailer() throws Exception {
    append(log(), 1, 3);
    java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(1);
    AuditLineHandler gated =
        (b, o, l, p) -> {
          permits.acquire();
          collect.line(b, o, l, p);
        };
    AuditLogTailer t =
        new AuditLogTailer(
            log(), checkpoint(), gated, AuditLogTailer.StartAt.BEGINNING, Duration.ofMillis(10));
    t.open();
    Thread reader =
        new Thread(
            () -> {
              try {
                t.poll();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    reader.start();
    reader.join(200);
    assertThat(lines).hasSize(1);
    permits.release(2);
    reader.join(5000);
    assertThat(lines).isEqualTo(records(1, 3));
    t.close();
  }

  @Test
  void positionsAreThoseOfTheFileTheLineCameFrom() throws Exception {
    append(log(), 1, 1);
    try (AuditLogTailer t = tailer(AuditLogTailer.StartAt.BEGINNING)) {
      t.poll();
      SourcePosition p = positions.get(0);
      assertThat(p).isInstanceOf(FilePosition.class);
      assertThat(((FilePosition) p).inode()).isEqualTo(inode(log()));
    }
  }
}
