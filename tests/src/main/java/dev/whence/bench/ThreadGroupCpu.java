package dev.whence.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads by group (stream threads, broker, JIT compiler, collector…), read
 * from {@code /proc/self/task} on Linux, so that a run can say where its process CPU went, the
 * threads the JVM does not expose to Java (compiler, collector) included. Elsewhere it reports
 * nothing.
 */
final class ThreadGroupCpu {

  private static final Path TASKS = Path.of("/proc/self/task");
  private static final double TICKS_PER_SECOND = 100.0;

  private final Map<String, Long> ticksByThread;

  private ThreadGroupCpu(Map<String, Long> ticksByThread) {
    this.ticksByThread = ticksByThread;
  }

  /** The CPU ticks of every live thread now. */
  static ThreadGroupCpu snapshot() {
    Map<String, Long> ticks = new HashMap<>();
    if (!Files.isDirectory(TASKS)) {
      return new ThreadGroupCpu(ticks);
    }
    try (Stream<Path> tasks = Files.list(TASKS)) {
      tasks.forEach(task -> read(task, ticks));
    } catch (IOException e) {
      return new ThreadGroupCpu(ticks);
    }
    return new ThreadGroupCpu(ticks);
  }

  /**
   * Seconds of CPU per group between {@code earlier} and this snapshot, largest first; a thread
   * that ended in between is not counted (its last ticks are unknown). Threads whose names start
   * with {@code appId} (Kafka Streams names its threads after the application) are the
   * application's.
   */
  Map<String, Double> since(ThreadGroupCpu earlier, String appId) {
    // the kernel keeps the first 15 bytes of a thread's name
    String appPrefix = (appId + "-").substring(0, Math.min(15, appId.length() + 1));
    Map<String, Double> byGroup = new HashMap<>();
    ticksByThread.forEach(
        (thread, ticks) -> {
          long before = earlier.ticksByThread.getOrDefault(thread, 0L);
          String name = thread.substring(thread.indexOf(' ') + 1);
          String group = name.startsWith(appPrefix) ? "application threads" : group(name);
          byGroup.merge(group, (ticks - before) / TICKS_PER_SECOND, Double::sum);
        });
    Map<String, Double> sorted = new LinkedHashMap<>();
    byGroup.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The group of a thread by its (kernel, 15-character) name. */
  static String group(String name) {
    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
      return "JIT compiler";
    }
    if (name.startsWith("GC Thread") || name.equals("VM Thread")) {
      return "collector and VM";
    }
    if (name.startsWith("kafka-producer")) {
      return "producer I/O";
    }
    if (name.startsWith("data-plane") || name.startsWith("kafka-") || name.contains("Txn")) {
      return "broker";
    }
    return "other";
  }

  private static void read(Path task, Map<String, Long> ticks) {
    try {
      String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      String[] fields = stat.substring(close + 2).split(" ");
      long cpu = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      ticks.put(task.getFileName() + " " + stat.substring(open + 1, close), cpu);
    } catch (IOException | RuntimeException e) {
      // the thread ended while we read it
    }
  }
}
