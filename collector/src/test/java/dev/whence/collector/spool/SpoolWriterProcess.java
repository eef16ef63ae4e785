package dev.whence.collector.spool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for {@link DiskSpoolKillTest}: appends numbered records to a spool forever,
 * acknowledging older ones as it goes, and reports its progress on stdout until it is killed.
 */
public final class SpoolWriterProcess {

  private SpoolWriterProcess() {}

  /** Arguments: the spool directory. */
  public static void main(String[] args) throws Exception {
    try (DiskSpool spool =
        DiskSpool.open(Path.of(args[0]), 64L << 20, 256 << 10, SyncPolicy.OS, Clock.systemUTC())) {
      for (long i = spool.tail(); ; i++) {
        byte[] value =
            ("record-" + i + "-" + "x".repeat((int) (i % 97))).getBytes(StandardCharsets.UTF_8);
        spool.offer(Long.toString(i).getBytes(StandardCharsets.UTF_8), value);
        if (i % 500 == 0 && i > 1_000) {
          spool.ack(i - 1_000);
        }
        if (i % 1_000 == 0) {
          System.out.println(i);
          System.out.flush();
        }
      }
    }
  }
}
