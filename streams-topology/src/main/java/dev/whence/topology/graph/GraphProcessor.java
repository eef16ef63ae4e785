package dev.whence.topology.graph;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.graph.build.ExpiryReport;
import dev.whence.graph.build.GraphBuilder;
import dev.whence.graph.build.GraphUpdate;
import dev.whence.graph.build.Note;
import dev.whence.graph.build.NoteCode;
import dev.whence.graph.build.ProcessView;
import dev.whence.graph.detect.DetectorConfig;
import dev.whence.graph.detect.DetectorCounters;
import dev.whence.graph.detect.KeyValueMatchStore;
import dev.whence.graph.model.Edge;
import dev.whence.graph.model.Node;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.DescriptorKey;
import dev.whence.graph.state.DescriptorTarget.SocketTarget;
import dev.whence.graph.state.KeyValueGraphState;
import dev.whence.topology.EventTally;
import dev.whence.topology.StoreNames;
import dev.whence.topology.decode.Decoded;
import dev.whence.topology.decode.EventDecoder;
import dev.whence.topology.detect.CachingMatchStore;
import dev.whence.topology.detect.RuleBook;
import dev.whence.topology.detect.TaskDetection;
import dev.whence.topology.incident.IncidentTopology;
import dev.whence.topology.rules.RuleSet;
import dev.whence.topology.state.WriteBehindStore;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one processor every record of {@code whence.events} meets: it decodes the raw record ({@link
 * EventDecoder}; a refusal goes to the dead-letter topic), counts the event ({@link EventTally}),
 * applies it to a {@link GraphBuilder} whose state lives in persistent stores (entries and expiry
 * index, through a {@link CachingGraphState}), runs detection, and forwards each output straight to
 * the child that writes it: nodes, edges, refusals, alerts and the connection halves that the
 * stitcher joins across hosts. Decoded entries, detection matches and counters are written behind:
 * into their {@link WriteBehindStore}s when those flush before each commit; reads of entries and
 * matches that were never written stop at a {@link KnownKeysTable} instead of reaching RocksDB.
 * Expiry runs from a punctuator on stream time, at the highest event time seen by the task.
 */
final class GraphProcessor implements Processor<String, byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(GraphProcessor.class);

  /** The child writing nodes ({@code Node}, key: node id) to {@code whence.graph.nodes}. */
  static final String NODES_SINK = "graph-nodes-sink";

  /** The child writing edges ({@code Edge}, key: source node id) to {@code whence.graph.edges}. */
  static final String EDGES_SINK = "graph-edges-sink";

  /** The child writing undecodable input ({@code RejectedInput}, key: host) to the DLQ. */
  static final String DEAD_LETTER_SINK = "dead-letter-sink";

  /**
   * The child writing events the graph refused and bad rules ({@code RejectedInput}) to the DLQ.
   */
  static final String GRAPH_DEAD_LETTER_SINK = "graph-dead-letter-sink";

  /** The name of the repartition of connection halves by server port. */
  static final String HALVES_REPARTITION = "connection-halves-by-port";

  /** The child receiving connection halves ({@link ConnectionHalf}, key: server port). */
  static final String HALVES_CHILD = HALVES_REPARTITION + "-repartition-filter";

  /** The child receiving new and grown alerts ({@code Alert}, key: alert id). */
  static final String ALERTS_CHILD = IncidentTopology.ALERT_INPUT;

  private final GraphSettings settings;
  private final RuleSet rules;
  private TaskDetection detection;
  private DetectorCounters reported;
  private long reportedProgress;
  private boolean rulesChecked;
  private ProcessorContext<String, Object> context;
  private EventDecoder decoder;
  private EventTally tally;
  private CachingGraphState state;
  private CachingMatchStore matchCache;
  private GraphBuilder builder;
  private CounterTable counters;
  private long highestEventNanos = Long.MIN_VALUE;

  GraphProcessor(GraphSettings settings, RuleSet rules) {
    this.settings = settings;
    this.rules = rules;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.decoder = new EventDecoder(this::origin);
    this.tally =
        new EventTally(
            context.getStateStore(StoreNames.EVENTS_PER_HOST),
            context.getStateStore(StoreNames.EVENTS_PER_OPERATION));
    WriteBehindStore<byte[]> entries = context.getStateStore(StoreNames.GRAPH_STATE);
    WriteBehindStore<byte[]> expiry = context.getStateStore(StoreNames.GRAPH_EXPIRY);
    KeyValueGraphState stored =
        new KeyValueGraphState(new KnownKeysTable(new StoreTable(entries)), new StoreTable(expiry));
    int indexed = stored.rebuildExpiryIndex();
    if (indexed > 0) {
      LOG.info("task {}: expiry index rebuilt from {} stored entries", context.taskId(), indexed);
    }
    this.state =
        new CachingGraphState(stored, settings.cacheEntries(), WriteBehindStore.MAX_DIRTY_KEYS / 2);
    entries.beforeFlush(state::writeDirty);
    this.builder = new GraphBuilder(state, settings.config());
    this.counters = new CounterTable(context.getStateStore(StoreNames.GRAPH_COUNTERS));
    context.schedule(settings.expiryInterval(), PunctuationType.STREAM_TIME, now -> expire());
    WriteBehindStore<byte[]> matches = context.getStateStore(StoreNames.ALERT_MATCHES);
    this.matchCache =
        new CachingMatchStore(
            new KeyValueMatchStore(new KnownKeysTable(new StoreTable(matches))),
            settings.cacheEntries(),
            WriteBehindStore.MAX_DIRTY_KEYS / 2);
    matches.beforeFlush(matchCache::writeDirty);
    this.detection = new TaskDetection(new RuleBook(rules), matchCache, DetectorConfig.defaults());
    this.reported = detection.counters();
    this.reportedProgress = detection.progress();
    this.rulesChecked = false;
    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::refreshRules);
  }

  @Override
  public void process(Record<String, byte[]> raw) {
    Decoded decoded = decoder.decode(raw.key(), raw.value(), raw.timestamp());
    if (decoded instanceof Decoded.Refused refused) {
      emit(raw, raw.key(), refused.rejection(), DEAD_LETTER_SINK);
      return;
    }
    Event event = ((Decoded.Accepted) decoded).event();
    tally.count(event);
    build(raw, event);
  }

  private void build(Record<String, byte[]> record, Event event) {
    if (!rulesChecked) {
      rulesChecked = true;
      refreshRules(context.currentSystemTimeMs());
    }
    SystemEvent systemEvent = EventMapper.toSystemEvent(event);
    GraphUpdate update = builder.apply(systemEvent);
    String host = event.getHost();
    if (update.isRejected()) {
      counters.add(host, GraphCounterNames.REJECTED, 1);
      emit(record, record.key(), refusal(record, event, update), GRAPH_DEAD_LETTER_SINK);
      return;
    }
    highestEventNanos = Math.max(highestEventNanos, event.getTimestampNanos());
    if (isDuplicate(update)) {
      counters.add(host, GraphCounterNames.DUPLICATES, 1);
      return;
    }
    // indexed: these immutable lists' iterators were allocated at every event
    List<Node> nodes = update.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      counters.node(host, node.kind());
      emit(record, node.id(), GraphRecords.node(node), NODES_SINK);
    }
    List<Edge> edges = update.edges();
    for (int i = 0; i < edges.size(); i++) {
      Edge edge = edges.get(i);
      counters.edge(host, edge.operation());
      emit(record, edge.sourceNode(), GraphRecords.edge(edge), EDGES_SINK);
    }
    for (dev.whence.avro.Alert alert : detection.apply(systemEvent, update)) {
      emit(record, alert.getId(), alert, ALERTS_CHILD);
    }
    reportDetection();
    ConnectionHalf half = half(systemEvent, update);
    if (half != null) {
      emit(record, half.serviceKey(), half, HALVES_CHILD);
    }
  }

  /**
   * Forwards {@code value} under {@code key} to the child {@code child}, with the timestamp and
   * headers of the input record (one record built, where {@code withKey().withValue()} makes two).
   */
  private void emit(Record<String, byte[]> input, String key, Object value, String child) {
    context.forward(new Record<>(key, value, input.timestamp(), input.headers()), child);
  }

  @Override
  public void close() {
    if (state != null) {
      state.discard();
    }
    if (matchCache != null) {
      matchCache.discard();
    }
  }

  private void expire() {
    if (highestEventNanos == Long.MIN_VALUE) {
      return;
    }
    ExpiryReport report = builder.expire(highestEventNanos);
    detection.expire(highestEventNanos);
    reportDetection();
    String all = GraphCounterNames.ALL_HOSTS;
    counters.add(all, GraphCounterNames.EXPIRED + "processes", report.processes());
    counters.add(all, GraphCounterNames.EXPIRED + "descriptors", report.descriptors());
    counters.add(all, GraphCounterNames.EXPIRED + "files", report.files());
    counters.add(all, GraphCounterNames.EXPIRED + "aliases", report.aliases());
    counters.add(all, GraphCounterNames.EXPIRED + "dedupWindows", report.dedupWindows());
  }

  private void refreshRules(long wallMillis) {
    KeyValueStore<String, byte[]> published = context.getStateStore(StoreNames.PUBLISHED_RULES);
    detection.refresh(
        visitor -> {
          try (KeyValueIterator<String, byte[]> it = published.all()) {
            it.forEachRemaining(kv -> visitor.accept(kv.key, kv.value));
          }
        },
        TimeUnit.MILLISECONDS.toNanos(wallMillis),
        rejection ->
            context.forward(
                new Record<>(GraphCounterNames.RULES_DLQ_KEY, rejection, wallMillis),
                GRAPH_DEAD_LETTER_SINK));
  }

  private void reportDetection() {
    long progress = detection.progress();
    if (progress == reportedProgress) {
      return;
    }
    reportedProgress = progress;
    DetectorCounters now = detection.counters();
    DetectorCounters was = reported;
    String all = GraphCounterNames.ALL_HOSTS;
    counters.add(all, GraphCounterNames.DETECTION + "started", now.started() - was.started());
    counters.add(all, GraphCounterNames.DETECTION + "advanced", now.advanced() - was.advanced());
    counters.add(all, GraphCounterNames.ALERTS, now.alertsRaised() - was.alertsRaised());
    counters.add(
        all, GraphCounterNames.DETECTION + "alertsGrown", now.alertsGrown() - was.alertsGrown());
    counters.add(
        all, GraphCounterNames.DETECTION + "suppressed", now.suppressed() - was.suppressed());
    counters.add(all, GraphCounterNames.DETECTION + "expired", now.expired() - was.expired());
    counters.add(
        all, GraphCounterNames.DETECTION + "capDropped", now.capDropped() - was.capDropped());
    reported = now;
  }

  private static boolean isDuplicate(GraphUpdate update) {
    List<Note> notes = update.notes();
    for (int i = 0; i < notes.size(); i++) {
      if (notes.get(i).code() == NoteCode.DUPLICATE_EVENT) {
        return true;
      }
    }
    return false;
  }

  /** The refusal of a decoded event the graph cannot map, with the record's bytes as received. */
  private RejectedInput refusal(Record<String, byte[]> record, Event event, GraphUpdate update) {
    return RejectedInput.newBuilder()
        .setHost(event.getHost())
        .setSource(event.getSource())
        .setStage("graph")
        .setReasonCode(update.rejection().code().name())
        .setReason(update.rejection().reason())
        .setOrigin(origin())
        .setReceivedNanos(TimeUnit.MILLISECONDS.toNanos(record.timestamp()))
        .setBytes(ByteBuffer.wrap(record.value()))
        .setTruncated(false)
        .build();
  }

  /** Where the current record came from ({@code topic-partition@offset}), or null. */
  private String origin() {
    return context
        .recordMetadata()
        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
        .orElse(null);
  }

  /** The connection half of a successful connect or accept over IP, if the event is one. */
  private ConnectionHalf half(SystemEvent event, GraphUpdate update) {
    Operation op = event.operation();
    if (op != Operation.CONNECT && op != Operation.ACCEPT) {
      return null;
    }
    Edge edge = null;
    for (Edge e : update.edges()) {
      if (e.operation() == op) {
        edge = e;
        break;
      }
    }
    if (edge == null) {
      return null;
    }
    return op == Operation.CONNECT
        ? clientHalf(event, edge, update.subject())
        : serverHalf(event, edge, update.subject());
  }

  private static ConnectionHalf clientHalf(SystemEvent event, Edge edge, ProcessView process) {
    ObjectRef o = event.object1();
    if (o == null || o.remotePort() == null || o.remotePort() <= 0) {
      return null;
    }
    String server = IpAddresses.canonical(o.remoteAddress());
    if (server == null) {
      return null;
    }
    return new ConnectionHalf(
        ConnectionHalf.Side.CLIENT,
        event.host(),
        event.eventId(),
        event.sequence(),
        event.timestampNanos(),
        o.protocol(),
        server,
        o.remotePort(),
        null,
        null,
        edge.targetNode(),
        edge.sourceNode(),
        process.pid(),
        process.exe(),
        cmdline(process),
        process.uid());
  }

  private static String cmdline(ProcessView process) {
    return process.argv().isEmpty() ? null : String.join(" ", process.argv());
  }

  private ConnectionHalf serverHalf(SystemEvent event, Edge edge, ProcessView process) {
    Integer fd = acceptedFd(event);
    if (fd == null) {
      return null;
    }
    SocketTarget socket =
        state
            .descriptor(new DescriptorKey(event.host(), event.subject().pid(), fd))
            .map(d -> d.target() instanceof SocketTarget s ? s : null)
            .orElse(null);
    if (socket == null || socket.localPort() == null || socket.localPort() <= 0) {
      return null;
    }
    String peer = IpAddresses.canonical(socket.remoteAddress());
    if (peer == null || socket.remotePort() == null) {
      return null;
    }
    return new ConnectionHalf(
        ConnectionHalf.Side.SERVER,
        event.host(),
        event.eventId(),
        event.sequence(),
        event.timestampNanos(),
        socket.protocol(),
        IpAddresses.canonical(socket.localAddress()),
        socket.localPort(),
        peer,
        socket.remotePort(),
        edge.sourceNode(),
        edge.targetNode(),
        process.pid(),
        process.exe(),
        cmdline(process),
        process.uid());
  }

  private static Integer acceptedFd(SystemEvent event) {
    ObjectRef o2 = event.object2();
    if (o2 != null && o2.fd() != null) {
      return o2.fd();
    }
    Long rv = event.returnValue();
    return rv != null && rv >= 0 && rv <= Integer.MAX_VALUE ? Integer.valueOf(rv.intValue()) : null;
  }
}
