package dev.whence.bench;

import dev.whence.app.broker.EmbeddedBroker;
import dev.whence.avro.Event;
import dev.whence.schemas.Topic;
import dev.whence.schemas.Topics;
import dev.whence.topology.ProvenanceTopology;
import dev.whence.topology.StoreNames;
import dev.whence.topology.StreamsSettings;
import dev.whence.topology.graph.GraphSettings;
import dev.whence.topology.rules.RuleSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * End-to-end throughput of the provenance-graph topology on a real in-process broker with {@code
 * exactly_once_v2}, against a trivial count-by-key topology on the same data (the baseline) in two
 * forms: {@code baseline}, with Kafka Streams' record cache (a count per host and commit reaches
 * its changelog and output topic), and {@code baseline-per-record}, without it (every event's new
 * count reaches both, as every event's edges reach the graph's outputs). The events are generated
 * ({@link TopologyWorkload}), encoded and produced before either topology starts; each run is timed
 * from the start of its Kafka Streams instance until its committed offsets reach the end of {@code
 * whence.events}. Also reports the largest heap used (broker and topology share this JVM) and the
 * graph state's bytes per live entry.
 *
 * <p>Run: {@code java -Xmx512m -cp tests/target/whence-benchmarks.jar
 * dev.whence.bench.TopologyThroughput [events] [hosts] [streamThreads|default]
 * [graph|baseline|both|both-graph-only|detection|all|RUN,RUN,...]} ({@code default}: what {@code
 * whence topology} runs, {@link StreamsSettings#defaultStreamThreads()}): {@code both} is the two
 * baselines and graph, {@code both-graph-only} the two baselines and the graph without rules (the
 * graph-only topology issue #5 measures the default pack against), {@code detection} is graph
 * without rules and graph with the default pack, {@code all} is all of them after a warm-up; a list
 * of {@link RunSpec runs} makes those runs in order, each with its own properties if given. With
 * {@code -Dwhence.bench.bootstrap=HOST:PORT} it uses that broker (a fresh one, for instance {@code
 * whence broker} in its own JVM) instead of starting one in this JVM; process CPU and heap are then
 * the topology's alone. {@code -Dwhence.bench.eventGapNanos=N} spaces each host's events N to 2N ns
 * apart in event time (default 20 000: a replay spans little event time, so no exited process ages
 * out; 500 000 is a busy server's rate).
 */
public final class TopologyThroughput {

  private static final String BASELINE_OUT = "bench.baseline.counts";

  private TopologyThroughput() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    quietLogs();
    long events = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    int threads =
        args.length > 2 && !args[2].equals("default")
            ? Integer.parseInt(args[2])
            : StreamsSettings.defaultStreamThreads();
    String mode = args.length > 3 ? args[3] : "both";
    Path dir = Files.createTempDirectory("whence-topology-bench");
    HeapSampler heap = new HeapSampler();
    heap.start();
    String external = System.getProperty("whence.bench.bootstrap");
    try (EmbeddedBroker broker =
            external == null ? EmbeddedBroker.start(dir.resolve("broker"), 0) : null;
        Admin admin =
            Admin.create(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    external == null ? broker.bootstrapServers() : external))) {
      String bootstrap = external == null ? broker.bootstrapServers() : external;
      createTopics(admin);
      awaitLeaders(admin);
      long already =
          endOffsets(admin, Topics.EVENTS.name()).values().stream().mapToLong(x -> x).sum();
      if (already > 0) {
        throw new IllegalStateException(
            Topics.EVENTS.name()
                + " on "
                + bootstrap
                + " already holds "
                + already
                + " records: give the benchmark a fresh broker");
      }
      long bytes = produce(bootstrap, events, hosts);
      System.out.printf(
          "produced %,d events (%,d bytes, %.0f bytes/event) for %d hosts; %d stream threads%n",
          events, bytes, (double) bytes / events, hosts, threads);
      Map<String, Run> report = new HashMap<>();
      List<Run> summary = new java.util.ArrayList<>();
      for (String spec : runs(mode)) {
        RunSpec run = RunSpec.parse(spec);
        Run done = run(run, bootstrap, dir, threads, events, admin);
        report.putIfAbsent(run.label(), done);
        summary.add(done);
        if (run.name().equals("graph")) {
          System.out.println(
              "graph outputs: "
                  + endOffsets(
                      admin,
                      List.of(
                          Topics.GRAPH_NODES.name(),
                          Topics.GRAPH_EDGES.name(),
                          Topics.EVENTS_DLQ.name())));
        }
      }
      summary.forEach(
          r ->
              System.out.printf(
                  "summary %-40s sustained %,9.0f ev/s  overall %,9.0f ev/s  process %6.1f"
                      + " us/event  stream threads %6.1f us/event%n",
                  r.name(),
                  r.sustainedRate(),
                  r.overallRate(),
                  r.cpuMicrosPerEvent(),
                  r.streamThreadCpuSeconds() * 1e6 / r.events()));
      Run o = report.get("graph-only");
      Run g = report.get("graph");
      if (o != null && g != null) {
        System.out.printf(
            "cost ratio detection/graph-only: wall clock sustained %.2f, overall %.2f; CPU per"
                + " event %.2f%n",
            o.sustainedRate() / g.sustainedRate(),
            o.overallRate() / g.overallRate(),
            g.cpuMicrosPerEvent() / o.cpuMicrosPerEvent());
      }
      for (String graph : List.of("graph-only", "graph")) {
        Run r = report.get(graph);
        for (String baseline : List.of("baseline", "baseline-per-record")) {
          Run b = report.get(baseline);
          if (b != null && r != null) {
            System.out.printf(
                "cost ratio %s/%s: wall clock sustained %.2f, overall %.2f; CPU per event %.2f%n",
                graph,
                baseline,
                b.sustainedRate() / r.sustainedRate(),
                b.overallRate() / r.overallRate(),
                r.cpuMicrosPerEvent() / b.cpuMicrosPerEvent());
          }
        }
      }
    } finally {
      heap.interrupt();
      System.out.printf(
          "heap: max used %,d MiB, max used after a collection %,d MiB (%s, -Xmx %,d MiB)%n",
          heap.maxUsed.get() >> 20,
          heap.maxAfterGc.get() >> 20,
          external == null ? "broker and topology in one JVM" : "topology only, broker " + external,
          Runtime.getRuntime().maxMemory() >> 20);
      deleteTree(dir);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time of the stream threads of application {@code appId} so far (they are new per run). */
  private static long streamThreadCpuNanos(String appId) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    return sumOverStreamThreads(appId, mx::getThreadCpuTime);
  }

  /**
   * Bytes allocated by the stream threads of application {@code appId} so far: unlike their CPU
   * time, the same for the same code and input whatever else the machine does.
   */
  private static long streamThreadAllocatedBytes(String appId) {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx)) {
      return 0;
    }
    return sumOverStreamThreads(appId, mx::getThreadAllocatedBytes);
  }

  /**
   * The sum of {@code perThread} (by thread id; negative: unknown) over the live stream threads.
   */
  private static long sumOverStreamThreads(String appId, LongUnaryOperator perThread) {
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(appId + "-") && t.getName().contains("-StreamThread-")) {
        sum += Math.max(0, perThread.applyAsLong(t.getId()));
      }
    }
    return sum;
  }

  /** Collections so far and their accumulated time in milliseconds, by collector. */
  private static Map<String, long[]> collections() {
    Map<String, long[]> out = new java.util.TreeMap<>();
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      out.put(gc.getName(), new long[] {gc.getCollectionCount(), gc.getCollectionTime()});
    }
    return out;
  }

  private static String collectionsSince(Map<String, long[]> before) {
    StringBuilder out = new StringBuilder();
    collections()
        .forEach(
            (name, now) -> {
              long[] was = before.getOrDefault(name, new long[2]);
              out.append(
                  String.format(
                      " %s %d (%.1f s);", name, now[0] - was[0], (now[1] - was[1]) / 1000.0));
            });
    return out.toString();
  }

  static void quietLogs() {
    if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  /** Counts events by key (host); with {@code cached}, through Kafka Streams' record cache. */
  private static Topology baseline(boolean cached) {
    Materialized<String, Long, KeyValueStore<Bytes, byte[]>> counts =
        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("baseline-counts")
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.Long());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            Topics.EVENTS.name(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("baseline-source"))
        .groupByKey(Grouped.as("baseline-by-host"))
        .count(Named.as("baseline-count"), cached ? counts : counts.withCachingDisabled())
        .toStream(Named.as("baseline-changes"))
        .to(BASELINE_OUT, Produced.with(Serdes.String(), Serdes.Long()).withName("baseline-sink"));
    return builder.build();
  }

  /** One timed run. */
  record Run(
      String name,
      double seconds,
      double sustainedSeconds,
      double cpuSeconds,
      double streamThreadCpuSeconds,
      long events,
      Map<String, String> extra) {
    double cpuMicrosPerEvent() {
      return cpuSeconds * 1e6 / events;
    }

    double overallRate() {
      return events / seconds;
    }

    double sustainedRate() {
      return 0.8 * events / sustainedSeconds;
    }
  }

  /**
   * The runs a mode names, in order: {@code both}, {@code both-graph-only}, {@code detection},
   * {@code all}, or a comma-separated list of run specs (a single run's name among them).
   */
  static List<String> runs(String mode) {
    return switch (mode) {
      case "both" -> List.of("baseline", "baseline-per-record", "graph");
      case "both-graph-only" -> List.of("baseline", "baseline-per-record", "graph-only");
      case "detection" -> List.of("warm-up", "graph-only", "graph");
      case "all" -> List.of("warm-up", "graph-only", "baseline", "baseline-per-record", "graph");
      default -> List.of(mode.split(","));
    };
  }

  /**
   * One run to make: {@code warm-up} (the graph, to compile it, not compared), {@code graph-only}
   * (the graph without rules), {@code baseline}, {@code baseline-per-record} or {@code graph},
   * optionally followed by {@code @key=value} Kafka Streams properties for this run only (e.g.
   * {@code graph@commit.interval.ms=1000}) or {@code @cacheEntries=N}, the graph's cache size per
   * task.
   */
  record RunSpec(String label, String name, Map<String, String> overrides) {
    /** The one override that is a graph setting: decoded entries cached per task. */
    static final String CACHE_ENTRIES = "cacheEntries";

    /** The runs there are, as {@link #topology} builds them. */
    static final List<String> NAMES =
        List.of("warm-up", "graph-only", "baseline", "baseline-per-record", "graph");

    static RunSpec parse(String spec) {
      String[] parts = spec.split("@");
      Map<String, String> overrides = new java.util.LinkedHashMap<>();
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("expected @key=value in run spec: " + spec);
        }
        overrides.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
      }
      if (!NAMES.contains(parts[0])) {
        throw new IllegalArgumentException("unknown run: " + parts[0]);
      }
      return new RunSpec(spec, parts[0], overrides);
    }

    /** The overrides that are Kafka Streams properties (all but {@link #CACHE_ENTRIES}). */
    Map<String, String> streamsOverrides() {
      Map<String, String> streams = new java.util.LinkedHashMap<>(overrides);
      streams.remove(CACHE_ENTRIES);
      return streams;
    }

    Topology topology() {
      GraphSettings graph = GraphSettings.defaults();
      if (overrides.containsKey(CACHE_ENTRIES)) {
        graph = graph.withCacheEntries(Integer.parseInt(overrides.get(CACHE_ENTRIES)));
      }
      return switch (name) {
        case "baseline" -> baseline(true);
        case "baseline-per-record" -> baseline(false);
        case "graph-only" -> ProvenanceTopology.build(graph, new RuleSet(List.of()));
        default -> ProvenanceTopology.build(graph);
      };
    }
  }

  private static int runCount;

  private static Run run(
      RunSpec spec, String bootstrap, Path dir, int threads, long events, Admin admin)
      throws Exception {
    String name = spec.label();
    String appId = "bench-" + spec.name() + "-" + ++runCount;

    Properties props =
        new StreamsSettings(bootstrap, appId, dir.resolve("state-" + runCount), true, "127.0.0.1:1")
            .toProperties();
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.putAll(spec.streamsOverrides());
    Map<TopicPartition, Long> end = endOffsets(admin, Topics.EVENTS.name());
    long total = end.values().stream().mapToLong(Long::longValue).sum();
    KafkaStreams streams = new KafkaStreams(spec.topology(), props);
    ThreadGroupCpu threadsAtStart = ThreadGroupCpu.snapshot();
    Map<String, long[]> collectionsAtStart = collections();
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    streams.start();
    long done;
    long[] tenths = new long[10];
    int reached = 0;
    while (true) {
      if (streams.state() == KafkaStreams.State.ERROR
          || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException(name + " topology stopped: " + streams.state());
      }
      long committed = committed(admin, appId, end);
      long now = System.nanoTime();
      while (reached < 10 && committed >= total * (reached + 1) / 10) {
        tenths[reached++] = now;
      }
      if (committed >= total) {
        done = now;
        break;
      }
      Thread.sleep(100);
    }
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    Map<String, Double> byGroup = ThreadGroupCpu.snapshot().since(threadsAtStart, appId);
    double streamThreadCpu = streamThreadCpuNanos(appId) / 1e9;
    long allocated = streamThreadAllocatedBytes(appId);
    String collected = collectionsSince(collectionsAtStart);
    double seconds = (done - start) / 1e9;
    double sustained = (tenths[8] - tenths[0]) / 1e9; // from 10 % to 90 % of the input
    Map<String, String> extra = spec.name().equals("graph") ? stateFigures(streams) : Map.of();
    streams.close(Duration.ofSeconds(60));
    Run run = new Run(name, seconds, sustained, cpuSeconds, streamThreadCpu, events, extra);
    System.out.printf(
        "%s: %,d events in %.1f s = %,.0f events/s overall; %,.0f events/s sustained (10%%..90%%);"
            + " process CPU %.1f s = %.1f us/event (broker included) %s%n",
        name,
        events,
        seconds,
        run.overallRate(),
        run.sustainedRate(),
        cpuSeconds,
        run.cpuMicrosPerEvent(),
        extra);
    System.out.printf(
        "%s: events/s by tenth of the input%s%n", name, byTenth(start, tenths, events));
    System.out.printf("%s: CPU by thread group %s%n", name, perEvent(byGroup, events));
    System.out.printf(
        "%s: stream threads allocated %,.0f bytes/event; collections:%s%n",
        name, (double) allocated / events, collected);
    System.out.printf(
        "%s: records on its internal topics %s%n", name, internalTopics(admin, appId));
    return run;
  }

  /** The rate over each tenth of the input, from the times its committed offsets reached it. */
  private static String byTenth(long start, long[] tenths, long events) {
    StringBuilder out = new StringBuilder();
    long previous = start;
    for (long at : tenths) {
      out.append(String.format(" %,.0f", events / 10 / ((at - previous) / 1e9)));
      previous = at;
    }
    return out.toString();
  }

  private static String perEvent(Map<String, Double> secondsByGroup, long events) {
    StringBuilder out = new StringBuilder("(us/event)");
    secondsByGroup.forEach(
        (group, seconds) -> out.append(String.format(" %s %.1f;", group, seconds * 1e6 / events)));
    return out.toString();
  }

  /**
   * End offsets (transaction markers included) of the changelog and repartition topics of a run.
   */
  private static Map<String, Long> internalTopics(Admin admin, String appId) throws Exception {
    List<String> topics =
        admin.listTopics().names().get().stream()
            .filter(t -> t.startsWith(appId + "-"))
            .sorted()
            .toList();
    Map<String, Long> byTopic = new java.util.TreeMap<>();
    endOffsets(admin, topics)
        .forEach((topic, records) -> byTopic.put(topic.substring(appId.length() + 1), records));
    return byTopic;
  }

  private static Map<String, String> stateFigures(KafkaStreams streams) {
    Map<String, String> out = new HashMap<>();
    try {
      ReadOnlyKeyValueStore<String, byte[]> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  StoreNames.GRAPH_STATE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
      long entries = 0;
      long bytes = 0;
      Map<Character, Long> byTable = new HashMap<>();
      try (KeyValueIterator<String, byte[]> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<String, byte[]> kv = it.next();
          entries++;
          bytes += kv.key.length() + kv.value.length;
          byTable.merge(kv.key.isEmpty() ? '?' : kv.key.charAt(0), 1L, Long::sum);
        }
      }
      out.put("liveEntries", Long.toString(entries));
      out.put("entriesByTable", byTable.toString());
      out.put(
          "keyValueBytesPerEntry", String.format("%.0f", (double) bytes / Math.max(1, entries)));
    } catch (RuntimeException e) {
      out.put("stateError", e.toString());
    }
    return out;
  }

  /** The Whence topics exist (the embedded broker made them); adds the baseline's output. */
  private static void createTopics(Admin admin) throws Exception {
    admin
        .createTopics(List.of(new NewTopic(BASELINE_OUT, 6, (short) 1)))
        .all()
        .get(60, TimeUnit.SECONDS);
  }

  static void awaitLeaders(Admin admin) throws Exception {
    List<String> names = Topics.all().stream().map(Topic::name).toList();
    for (int attempt = 0; attempt < 100; attempt++) {
      boolean ready =
          admin.describeTopics(names).allTopicNames().get().values().stream()
              .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null));
      if (ready) {
        Thread.sleep(2000);
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("topics have no leaders after 20 s");
  }

  private static long produce(String bootstrap, long events, int hosts) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    Serializer<Event> encoder = Topics.EVENTS.value().serializer();
    TopologyWorkload workload = TopologyWorkload.forBenchmark(hosts);
    long sent = 0;
    long bytes = 0;
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      while (sent < events) {
        for (Event e : workload.nextBatch()) {
          if (sent >= events) {
            break;
          }
          byte[] value = encoder.serialize(Topics.EVENTS.name(), e);
          bytes += value.length;
          producer.send(
              new ProducerRecord<>(
                  Topics.EVENTS.name(),
                  null,
                  TimeUnit.NANOSECONDS.toMillis(e.getTimestampNanos()),
                  e.getHost(),
                  value));
          sent++;
        }
      }
      producer.flush();
    }
    System.out.printf("produce: %.1f s%n", (System.nanoTime() - start) / 1e9);
    return bytes;
  }

  static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
    int partitions =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int i = 0; i < partitions; i++) {
      request.put(new TopicPartition(topic, i), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> out = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  private static Map<String, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
    Map<String, Long> out = new HashMap<>();
    for (String t : topics) {
      out.put(t, endOffsets(admin, t).values().stream().mapToLong(Long::longValue).sum());
    }
    return out;
  }

  private static long committed(Admin admin, String group, Map<TopicPartition, Long> end)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    long sum = 0;
    for (TopicPartition tp : end.keySet()) {
      OffsetAndMetadata o = offsets.get(tp);
      // Under EOS the committed offset sits one past the last transaction marker.
      sum += o == null ? 0 : Math.min(o.offset(), end.get(tp));
    }
    return sum;
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** Samples the heap in use every 50 ms and keeps the largest value. */
  static final class HeapSampler extends Thread {
    final AtomicLong maxUsed = new AtomicLong();
    final AtomicLong maxAfterGc = new AtomicLong();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    HeapSampler() {
      super("heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        maxUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          MemoryUsage u = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
          afterGc += u == null ? 0 : u.getUsed();
        }
        maxAfterGc.accumulateAndGet(afterGc, Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
