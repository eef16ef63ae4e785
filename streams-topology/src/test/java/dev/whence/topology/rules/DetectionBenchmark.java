package dev.whence.topology.rules;

import dev.whence.graph.build.GraphBuilder;
import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.build.GraphUpdate;
import dev.whence.graph.detect.Detector;
import dev.whence.graph.detect.DetectorConfig;
import dev.whence.graph.detect.KeyValueMatchStore;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.InMemoryGraphState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cost of detection with the default pack on top of graph building, on a synthetic workload (a
 * process tree doing execs, file and network I/O, with some attack-like events). Not a test: run
 * with {@code java -cp ... DetectionBenchmark [events]} from the streams-topology folder.
 */
public final class DetectionBenchmark {
  private static final String[] EXES = {
    "/usr/bin/bash", "/usr/bin/curl", "/usr/bin/cp", "/usr/bin/python3", "/tmp/x", "/usr/bin/ls"
  };
  private static final String[] PATHS = {
    "/tmp/x",
    "/home/u/notes.txt",
    "/etc/passwd",
    "/usr/local/bin/t",
    "/var/log/app.log",
    "/etc/cron.d/job",
    "/home/u/.bashrc"
  };

  private DetectionBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    RuleSet pack = new RuleLoader().loadDirectory(Path.of("..", "rules"));
    List<SystemEvent> events = workload(count);
    for (int round = 0; round < 3; round++) {
      GraphBuilder graphOnly = new GraphBuilder(new InMemoryGraphState(), GraphConfig.defaults());
      long t0 = System.nanoTime();
      for (SystemEvent e : events) {
        graphOnly.apply(e);
      }
      long graphNanos = System.nanoTime() - t0;

      GraphBuilder builder = new GraphBuilder(new InMemoryGraphState(), GraphConfig.defaults());
      Detector detector =
          new Detector(pack.rules(), KeyValueMatchStore.inMemory(), DetectorConfig.defaults());
      long alerts = 0;
      long t1 = System.nanoTime();
      for (SystemEvent e : events) {
        GraphUpdate u = builder.apply(e);
        alerts += detector.apply(e, u).size();
      }
      detector.expire(Long.MAX_VALUE);
      long bothNanos = System.nanoTime() - t1;
      System.out.printf(
          "round %d: %d events, %d rules; graph only %.0f events/s; graph+detection %.0f events/s;"
              + " %d alert updates; %s%n",
          round,
          events.size(),
          pack.rules().size(),
          events.size() / (graphNanos / 1e9),
          events.size() / (bothNanos / 1e9),
          alerts,
          detector.counters());
    }
  }

  static List<SystemEvent> workload(int count) {
    SplittableRandom random = new SplittableRandom(42);
    PackEvents t = new PackEvents("bench");
    List<SystemEvent> out = new ArrayList<>(count);
    List<Integer> live = new ArrayList<>(List.of(1));
    int nextPid = 2;
    while (out.size() < count) {
      int pid = live.get(random.nextInt(live.size()));
      int dice = random.nextInt(100);
      if (dice < 8 && live.size() < 300) {
        int child = nextPid++;
        out.add(t.fork(pid, child));
        live.add(child);
      } else if (dice < 16) {
        String exe = EXES[random.nextInt(EXES.length)];
        out.add(t.exec(pid, exe, exe, PATHS[random.nextInt(PATHS.length)]));
      } else if (dice < 46) {
        out.add(t.read(pid, PATHS[random.nextInt(PATHS.length)]));
      } else if (dice < 66) {
        out.add(t.write(pid, PATHS[random.nextInt(PATHS.length)] + random.nextInt(50)));
      } else if (dice < 72) {
        out.add(t.write(pid, PATHS[random.nextInt(PATHS.length)]));
      } else if (dice < 80) {
        out.add(t.connect(pid, 3, "10.0.0.1", 40000 + random.nextInt(1000), "10.0.0.2", 443));
      } else if (dice < 85) {
        out.add(t.accept(pid, "10.0.0.1", 80, "203.0.113.9", 50000 + random.nextInt(1000)));
      } else if (dice < 92) {
        out.add(t.dup(pid, 3, random.nextInt(3)));
      } else if (dice < 96) {
        out.add(t.unlink(pid, PATHS[random.nextInt(PATHS.length)] + random.nextInt(50)));
      } else if (live.size() > 20) {
        out.add(t.event(dev.whence.graph.model.Operation.EXIT, pid, null, null, 0L, null));
        live.remove(Integer.valueOf(pid));
      }
    }
    return out;
  }
}
