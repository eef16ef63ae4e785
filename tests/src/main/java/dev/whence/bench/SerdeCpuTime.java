package dev.whence.bench;

import dev.whence.avro.Event;
import dev.whence.schemas.AvroSerde;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Serde throughput per CPU-second of the measuring thread, for machines shared with other loads
 * where JMH's wall-clock figures mostly measure the scheduler. Same event as {@link
 * SerdeBenchmark}; not a substitute for JMH (no forks, no blackhole), a cross-check of it.
 *
 * <p>Run: {@code java -cp tests/target/whence-benchmarks.jar dev.whence.bench.SerdeCpuTime
 * [rounds]}
 */
public final class SerdeCpuTime {

  private static volatile Object sink;

  private SerdeCpuTime() {}

  /** Prints, for each round, encodes and decodes per wall-second and per CPU-second. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    var serde = new AvroSerde<>(Event.class);
    Event event = SerdeBenchmark.realisticEvent();
    byte[] encoded = serde.encode(event);
    for (int round = 1; round <= rounds; round++) {
      measure(round, "encode", () -> serde.encode(event));
      measure(round, "decode", () -> serde.decode(encoded));
    }
  }

  private static void measure(int round, String name, Supplier<Object> operation) {
    var threads = ManagementFactory.getThreadMXBean();
    long operations = 0;
    long cpuStart = threads.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    long wallEnd = wallStart + 2_000_000_000L;
    while (System.nanoTime() < wallEnd) {
      for (int i = 0; i < 1_000; i++) {
        sink = operation.get();
      }
      operations += 1_000;
    }
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    System.out.printf(
        "round %d %s: %,.0f ops/wall-s, %,.0f ops/cpu-s (thread on CPU %.0f%% of the time)%n",
        round, name, operations / wall, operations / cpu, 100 * cpu / wall);
  }
}
