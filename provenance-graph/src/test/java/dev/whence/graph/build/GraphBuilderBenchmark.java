package dev.whence.graph.build;

import dev.whence.graph.model.Operation;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.GraphState;
import dev.whence.graph.state.InMemoryGraphState;
import dev.whence.graph.state.KeyValueGraphState;
import dev.whence.graph.state.SortedMapTable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Throughput of {@link GraphBuilder#apply} on a synthetic workload (a shell-like process tree doing
 * file and network I/O). Not a test: run with {@code java -cp ... GraphBuilderBenchmark [events]
 * [memory|kv|both]}.
 */
public final class GraphBuilderBenchmark {
  private GraphBuilderBenchmark() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    List<SystemEvent> events = workload(count);
    String which = args.length > 1 ? args[1] : "both";
    if (!which.equals("kv")) {
      run("in-memory", events, InMemoryGraphState::new);
    }
    if (!which.equals("memory")) {
      run(
          "key-value+codec",
          events,
          () -> new KeyValueGraphState(new SortedMapTable(), new SortedMapTable()));
    }
  }

  static void run(String name, List<SystemEvent> events, Supplier<GraphState> state) {
    for (int round = 0; round < 3; round++) {
      GraphBuilder builder = new GraphBuilder(state.get(), GraphConfig.defaults());
      long start = System.nanoTime();
      long edges = 0;
      for (SystemEvent e : events) {
        edges += builder.apply(e).edges().size();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%-16s round %d: %,d events in %.2f s = %,.0f events/s (%,d edges, %s)%n",
          name, round, events.size(), seconds, events.size() / seconds, edges, builder.counters());
    }
  }

  static List<SystemEvent> workload(int count) {
    SplittableRandom random = new SplittableRandom(42);
    Trace t = new Trace("bench-host");
    List<SystemEvent> out = new ArrayList<>(count);
    int nextPid = 1000;
    List<Integer> live = new ArrayList<>(List.of(nextPid));
    while (out.size() < count) {
      int pid = live.get(random.nextInt(live.size()));
      int fd = 3 + random.nextInt(8);
      String path = "/data/dir" + random.nextInt(50) + "/file" + random.nextInt(200);
      int roll = random.nextInt(100);
      if (roll < 3 && live.size() < 500) {
        int child = ++nextPid;
        out.add(t.fork(pid, child));
        out.add(t.exec(child, "/usr/bin/tool" + random.nextInt(20), "tool", "-v"));
        live.add(child);
      } else if (roll < 5 && live.size() > 1) {
        out.add(t.exit(pid));
        live.remove(Integer.valueOf(pid));
      } else if (roll < 25) {
        out.add(t.open(pid, path, fd, random.nextInt(3)));
      } else if (roll < 60) {
        out.add(t.onFd(Operation.READ, pid, fd));
      } else if (roll < 85) {
        out.add(t.onFd(Operation.WRITE, pid, fd));
      } else if (roll < 90) {
        out.add(t.connect(pid, fd, "10.1.0.1", 30000 + random.nextInt(1000), "10.1.0.2", 443));
      } else if (roll < 97) {
        out.add(t.onFd(Operation.SENDTO, pid, fd));
      } else {
        out.add(t.close(pid, fd));
      }
    }
    return out;
  }
}
