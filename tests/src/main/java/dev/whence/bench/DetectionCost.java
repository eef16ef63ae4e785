package dev.whence.bench;

import dev.whence.avro.Event;
import dev.whence.graph.build.GraphBuilder;
import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.build.GraphUpdate;
import dev.whence.graph.detect.Detector;
import dev.whence.graph.detect.DetectorConfig;
import dev.whence.graph.detect.KeyValueMatchStore;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.InMemoryGraphState;
import dev.whence.schemas.Topics;
import dev.whence.topology.decode.Decoded;
import dev.whence.topology.decode.EventDecoder;
import dev.whence.topology.detect.CachingMatchStore;
import dev.whence.topology.detect.DefaultRules;
import dev.whence.topology.graph.EventMapper;
import dev.whence.topology.graph.GraphSettings;
import dev.whence.topology.rules.RuleSet;
import dev.whence.topology.state.WriteBehindStore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The domain's share of the topology's cost, without Kafka: the benchmark workload ({@link
 * TopologyWorkload}, the same seed and hosts as {@link TopologyThroughput}) decoded, mapped and
 * applied to a {@link GraphBuilder} over an in-memory state, alone ({@code graph}) and followed by
 * a {@link Detector} with the default pack over an in-memory match store ({@code detect}), in
 * alternating rounds on one thread. Reports the thread's CPU time and allocation per event: figures
 * that other processes on a noisy machine disturb far less than wall-clock throughput.
 *
 * <p>Run: {@code java -Xmx2g -XX:+UseParallelGC -Dwhence.bench.eventGapNanos=500000 -cp
 * tests/target/whence-benchmarks.jar dev.whence.bench.DetectionCost [events] [hosts] [rounds]}.
 */
public final class DetectionCost {

  /** Events between two expiry passes (the topology expires on a stream-time punctuator). */
  private static final int EXPIRY_EVERY = 20_000;

  /**
   * Events between two writes of the dirty matches (a task's commit: about 100 ms at 30 000 events
   * per second per task).
   */
  private static final int COMMIT_EVERY = 3_000;

  private DetectionCost() {}

  /** Runs the rounds and prints their figures. */
  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<Encoded> encoded = encode(events, hosts);
    RuleSet pack = DefaultRules.load();
    System.out.printf("%,d events, %d hosts, %d rules%n", events, hosts, pack.rules().size());
    for (int round = 0; round < rounds; round++) {
      for (Stage stage : Stage.values()) {
        run(encoded, stage, pack, round);
      }
    }
  }

  /** The workload's events, each with its key (the host) and its encoded value. */
  private record Encoded(String host, byte[] value) {}

  private static List<Encoded> encode(int events, int hosts) {
    Serializer<Event> encoder = Topics.EVENTS.value().serializer();
    TopologyWorkload workload = TopologyWorkload.forBenchmark(hosts);
    List<Encoded> out = new ArrayList<>(events);
    while (out.size() < events) {
      for (Event e : workload.nextBatch()) {
        if (out.size() < events) {
          out.add(new Encoded(e.getHost(), encoder.serialize(Topics.EVENTS.name(), e)));
        }
      }
    }
    return out;
  }

  /** How far each event goes. */
  private enum Stage {
    DECODE,
    GRAPH,
    DETECT
  }

  private static void run(List<Encoded> encoded, Stage stage, RuleSet pack, int round) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    EventDecoder decoder = new EventDecoder(() -> "bench");
    GraphBuilder builder = new GraphBuilder(new InMemoryGraphState(), GraphConfig.defaults());
    CachingMatchStore matches =
        new CachingMatchStore(
            KeyValueMatchStore.inMemory(),
            GraphSettings.defaults().cacheEntries(),
            WriteBehindStore.MAX_DIRTY_KEYS / 2);
    Detector detector =
        stage != Stage.DETECT
            ? null
            : new Detector(pack.rules(), matches, DetectorConfig.defaults());
    long alerts = 0;
    long latest = Long.MIN_VALUE;
    long cpu0 = mx.getThreadCpuTime(self);
    long bytes0 = mx.getThreadAllocatedBytes(self);
    for (int i = 0; i < encoded.size(); i++) {
      Encoded record = encoded.get(i);
      Decoded d = decoder.decode(record.host(), record.value(), 0L);
      SystemEvent e = EventMapper.toSystemEvent(((Decoded.Accepted) d).event());
      if (stage == Stage.DECODE) {
        continue;
      }
      GraphUpdate u = builder.apply(e);
      latest = Math.max(latest, e.timestampNanos());
      if (detector != null) {
        alerts += detector.apply(e, u).size();
      }
      if (i % COMMIT_EVERY == COMMIT_EVERY - 1) {
        matches.writeDirty();
      }
      if (i % EXPIRY_EVERY == EXPIRY_EVERY - 1) {
        builder.expire(latest);
        if (detector != null) {
          detector.expire(latest);
        }
      }
    }
    double n = encoded.size();
    System.out.printf(
        "round %d %-6s CPU %6.2f us/event, allocated %,6.0f bytes/event, %d alert updates%s%n",
        round,
        stage.name().toLowerCase(java.util.Locale.ROOT),
        (mx.getThreadCpuTime(self) - cpu0) / n / 1e3,
        (mx.getThreadAllocatedBytes(self) - bytes0) / n,
        alerts,
        detector == null ? "" : "; " + detector.counters());
  }
}
