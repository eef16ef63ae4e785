package dev.whence.collector.linux.live.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCheckpointTest {

  @TempDir Path dir;

  @Test
  void readsWhatWasWrittenLast() throws Exception {
    Path file = dir.resolve("state/cp");
    assertThat(LogCheckpoint.read(file)).isEmpty();
    new LogCheckpoint(12, 300, 7).write(file);
    new LogCheckpoint(12, 450, 9).write(file);
    assertThat(LogCheckpoint.read(file)).contains(new LogCheckpoint(12, 450, 9));
    try (var names = Files.list(file.getParent())) {
      assertThat(names).containsExactly(file);
    }
  }

  @Test
  void aTemporaryFileLeftByACrashMidWriteDoesNotReplaceTheCheckpoint() throws Exception {
    Path file = dir.resolve("cp");
    new LogCheckpoint(5, 100, 3).write(file);
    Files.writeString(dir.resolve(".cp.tmp"), "5 20");
    assertThat(LogCheckpoint.read(file)).contains(new LogCheckpoint(5, 100, 3));
    new LogCheckpoint(5, 200, 4).write(file);
    assertThat(LogCheckpoint.read(file)).contains(new LogCheckpoint(5, 200, 4));
    assertThat(dir.resolve(".cp.tmp")).doesNotExist();
  }

  @Test
  void aDamagedCheckpointIsAnErrorNotAFreshStart() throws Exception {
    Path file = dir.resolve("cp");
    Files.writeString(file, "12 abc");
    assertThatThrownBy(() -> LogCheckpoint.read(file)).hasMessageContaining("not a log checkpoint");
  }

  @Property(tries = 30)
  void anyCheckpointSurvivesTheRoundTrip(
      @ForAll @LongRange(min = 0) long inode,
      @ForAll @LongRange(min = 0) long offset,
      @ForAll @LongRange(min = -1) long serial)
      throws Exception {
    Path file = Files.createTempDirectory("cp").resolve("cp");
    new LogCheckpoint(inode, offset, serial).write(file);
    assertThat(LogCheckpoint.read(file)).contains(new LogCheckpoint(inode, offset, serial));
  }
}
