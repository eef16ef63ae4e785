package dev.whence.bench;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.collector.EventSink;
import dev.whence.collector.linux.AuditPipeline;
import dev.whence.collector.linux.LinuxAuditLogReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;

/**
 * One whole-file run of the Linux audit pipeline, for comparison with {@code ausearch -i --input
 * FILE}: reads the file from disk (plain or gzip) through {@link LinuxAuditLogReader} into a
 * counting sink and prints lines, events, rejections, wall and CPU time and records per second.
 *
 * <pre>
 * java -cp tests/target/whence-benchmarks.jar dev.whence.bench.AuditWholeFileRun FILE [RUNS]
 * </pre>
 */
public final class AuditWholeFileRun {

  private AuditWholeFileRun() {}

  /** Runs the pipeline over {@code args[0]}, {@code args[1]} times (default 1). */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: AuditWholeFileRun FILE [RUNS]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int run = 1; run <= runs; run++) {
      long[] counts = new long[2];
      EventSink sink =
          new EventSink() {
            @Override
            public void event(Event event) {
              counts[0]++;
            }

            @Override
            public void rejected(RejectedInput rejected) {
              counts[1]++;
            }
          };
      AuditPipeline pipeline = new AuditPipeline(sink, "bench", null, Clock.systemUTC());
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long lines = new LinuxAuditLogReader(pipeline).read(file);
      long wall = System.nanoTime() - t0;
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      System.out.printf(
          "run %d: %d lines, %d events, %d rejected; wall %.3f s = %.0f records/s;"
              + " thread CPU %.3f s = %.0f records/CPU-s%n",
          run,
          lines,
          counts[0],
          counts[1],
          wall / 1e9,
          lines / (wall / 1e9),
          cpu / 1e9,
          lines / (cpu / 1e9));
    }
  }
}
