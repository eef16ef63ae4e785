package dev.whence.collector.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spool whose writer process is killed with SIGKILL opens again with every record in order. */
class DiskSpoolKillTest {

  @TempDir Path dir;

  @Test
  void survivesAKilledWriter() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SpoolWriterProcess.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    long reported = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (reported < 20_000 && (line = out.readLine()) != null) {
        if (line.chars().allMatch(Character::isDigit)) {
          reported = Long.parseLong(line);
        }
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(reported).isGreaterThanOrEqualTo(20_000);

    try (DiskSpool spool =
        DiskSpool.open(dir, 64L << 20, 256 << 10, SyncPolicy.OS, Clock.systemUTC())) {
      assertThat(spool.recovery().tornRecords()).isLessThanOrEqualTo(1);
      assertThat(spool.tail()).isGreaterThan(reported);
      // The writer acknowledges only records 1 000 behind the newest it offered: whatever it wrote
      // on between its last report and the kill, and however late its acknowledgements reached the
      // disk, none of the newest 999 records is acknowledged.
      assertThat(spool.head()).isLessThanOrEqualTo(spool.tail() - 999);
      long expected = spool.head();
      while (true) {
        List<SpoolRecord> batch = spool.read(expected, 5_000, Long.MAX_VALUE);
        if (batch.isEmpty()) {
          break;
        }
        for (SpoolRecord record : batch) {
          assertThat(record.position()).isEqualTo(expected);
          assertThat(new String(record.key(), StandardCharsets.UTF_8))
              .isEqualTo(Long.toString(expected));
          assertThat(new String(record.value(), StandardCharsets.UTF_8))
              .startsWith("record-" + expected + "-");
          expected++;
        }
      }
      assertThat(expected).isEqualTo(spool.tail());
      spool.offer(new byte[0], "after".getBytes(StandardCharsets.UTF_8));
      assertThat(spool.depth()).isEqualTo(spool.tail() - spool.head());
    }
  }
}
