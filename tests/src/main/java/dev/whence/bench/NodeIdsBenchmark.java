package dev.whence.bench;

import dev.whence.graph.identity.NaturalKey;
import dev.whence.graph.identity.NodeIds;
import dev.whence.graph.identity.Uuid5;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The graph's ids, as the topology computes them for every edge and new node: {@link NodeIds}
 * against the same UUID v5 of the key's text ({@link NaturalKey#of}, then {@link Uuid5#of(
 * java.util.UUID, String)}), for comparison in one run.
 *
 * <p>Run: {@code java -jar tests/target/whence-benchmarks.jar NodeIdsBenchmark -f 1 -wi 3 -i 5 -w
 * 1s -r 2s -t 1 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NodeIdsBenchmark {

  private final String eventId = "2a43e90c-0acc-5f2c-83e4-03d61d6f08aa";
  private final String host = "web-07.prod.example.net";
  private final String boot = "4f0e9a51-7c2d-4e4b-9a03-6b1d7f0e4c0a";
  private int index;

  /** An edge's id: its event's id and its position in the event. */
  @Benchmark
  public String edge() {
    return NodeIds.edge(eventId, index++ & 3);
  }

  /** The same id from the key's text. */
  @Benchmark
  public String edgeViaKeyText() {
    return Uuid5.of(NodeIds.NAMESPACE, NaturalKey.of("edge", eventId, index++ & 3)).toString();
  }

  /** A process entity's id: host, boot, pid and start sequence. */
  @Benchmark
  public String processEntity() {
    return NodeIds.processEntity(host, boot, 4242, 81_234_567L + (index++ & 3));
  }

  /** The same id from the key's text. */
  @Benchmark
  public String processEntityViaKeyText() {
    return Uuid5.of(
            NodeIds.NAMESPACE,
            NaturalKey.of("process", host, boot, 4242, 81_234_567L + (index++ & 3)))
        .toString();
  }
}
