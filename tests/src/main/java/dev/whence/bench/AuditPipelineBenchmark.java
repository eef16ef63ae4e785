package dev.whence.bench;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.collector.EventSink;
import dev.whence.collector.linux.AuditPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Linux audit parse + assemble + normalize on one thread, over a real log loaded into memory once.
 * One operation is one raw audit line (record), so the score is records per second. The log is read
 * in batches of {@link #BATCH} lines, cycling; at the end of the log the pipeline is flushed and a
 * new one starts (as a replay of the next file would).
 *
 * <pre>
 * java -jar tests/target/whence-benchmarks.jar AuditPipelineBenchmark -p log=/work/bench-data/build-full.log
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class AuditPipelineBenchmark {

  /** Lines per benchmark invocation. */
  public static final int BATCH = 10_000;

  /** The raw audit log to replay. */
  @Param({"/work/bench-data/build-full.log"})
  public String log;

  private byte[] data;
  private int[] starts;
  private int[] ends;
  private int lines;
  private int cursor;
  private AuditPipeline pipeline;
  private CountingSink sink;

  /** Loads the log into memory and splits it into lines. */
  @Setup(Level.Trial)
  public void load() throws IOException {
    data = Files.readAllBytes(Path.of(log));
    int count = 0;
    for (byte b : data) {
      if (b == '\n') {
        count++;
      }
    }
    starts = new int[count + 1];
    ends = new int[count + 1];
    int start = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        starts[lines] = start;
        ends[lines] = i;
        lines++;
        start = i + 1;
      }
    }
    if (start < data.length) {
      starts[lines] = start;
      ends[lines] = data.length;
      lines++;
    }
    if (lines < BATCH) {
      throw new IllegalStateException(log + " has fewer than " + BATCH + " lines");
    }
  }

  /** Starts each iteration with a fresh pipeline at the start of the log. */
  @Setup(Level.Iteration)
  public void fresh() {
    sink = new CountingSink();
    pipeline = new AuditPipeline(sink, "bench", "bench-boot", Clock.systemUTC());
    cursor = 0;
  }

  /** Parses, assembles and normalizes the next {@link #BATCH} lines. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void records(Blackhole bh) {
    for (int n = 0; n < BATCH; n++) {
      if (cursor == lines) {
        pipeline.flush();
        pipeline = new AuditPipeline(sink, "bench", "bench-boot", Clock.systemUTC());
        cursor = 0;
      }
      pipeline.acceptLine(data, starts[cursor], ends[cursor] - starts[cursor], log, cursor + 1);
      cursor++;
    }
    bh.consume(sink.events);
  }

  /** Counts what the pipeline delivers. */
  static final class CountingSink implements EventSink {
    long events;
    long rejected;

    @Override
    public void event(Event event) {
      events++;
    }

    @Override
    public void rejected(RejectedInput rejectedInput) {
      rejected++;
    }
  }
}
