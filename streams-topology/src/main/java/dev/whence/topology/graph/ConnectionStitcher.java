package dev.whence.topology.graph;

import dev.whence.avro.Edge;
import dev.whence.avro.Operation;
import dev.whence.schemas.EventIds;
import dev.whence.topology.StoreNames;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins the two ends of a TCP/UDP connection reported by Linux audit, on one host or across two,
 * and emits the causal hop between them: an ACCEPT edge from the client's flow node to the
 * accepting process. With the connect edge on the client's host this gives the path client process
 * → flow → server process. When the source reported both endpoints at both ends, the domain has
 * already joined them in one flow node and nothing more is emitted.
 *
 * <p>The rule, given what audit reports (connect: the server endpoint only; accept: the peer
 * address and port, and the listening endpoint from an earlier bind): halves meet by server port
 * (the repartition key); a client and a server half match when the protocols agree (or one is
 * unknown), the server's bound address is a wildcard or equals the address the client connected to,
 * both events lie within {@link GraphSettings#stitchWindow()} of each other, and, when either
 * address is loopback or link-local, both are on the same host. Among several candidates the one
 * closest in time wins, then the smallest event id; each half is used once. The waiting halves are
 * indexed in memory (the store, loaded at start, keeps them across restarts) and read outward in
 * time from the new half, so a lookup stops at the nearest match instead of reading every unmatched
 * half of the port within the window. Ambiguity: two connections to the same service within the
 * window from hosts the server cannot tell apart (the client's own address is not in its audit
 * record) may be paired crosswise, and which pairing is made can then depend on the order the
 * halves arrive in. Unmatched halves are dropped after twice the window of stream time and counted.
 */
final class ConnectionStitcher implements Processor<String, ConnectionHalf, String, Edge> {

  private final long windowNanos;
  private final long expiryMillis;
  private ProcessorContext<String, Edge> context;
  private KeyValueStore<String, byte[]> halves;
  private final TreeMap<String, ConnectionHalf> index = new TreeMap<>();
  private CounterTable counters;
  private long highestNanos = Long.MIN_VALUE;

  ConnectionStitcher(GraphSettings settings) {
    this.windowNanos = settings.stitchWindow().toNanos();
    this.expiryMillis = Math.max(1000L, settings.stitchWindow().toMillis());
  }

  @Override
  public void init(ProcessorContext<String, Edge> context) {
    this.context = context;
    this.halves = context.getStateStore(StoreNames.CONNECTION_HALVES);
    index.clear();
    try (KeyValueIterator<String, byte[]> it = halves.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        index.put(kv.key, ConnectionHalf.decode(kv.value));
      }
    }
    this.counters = new CounterTable(context.getStateStore(StoreNames.STITCH_COUNTERS));
    context.schedule(
        java.time.Duration.ofMillis(expiryMillis), PunctuationType.STREAM_TIME, now -> expire());
  }

  @Override
  public void process(Record<String, ConnectionHalf> record) {
    ConnectionHalf half = record.value();
    if (half == null) {
      return;
    }
    highestNanos = Math.max(highestNanos, half.timestampNanos());
    ConnectionHalf.Side other =
        half.side() == ConnectionHalf.Side.CLIENT
            ? ConnectionHalf.Side.SERVER
            : ConnectionHalf.Side.CLIENT;
    long t = half.timestampNanos();
    String at = key(half.servicePort(), other, t, "");
    Iterator<Map.Entry<String, ConnectionHalf>> later =
        index
            .subMap(
                at, true, key(half.servicePort(), other, saturated(t, windowNanos + 1), ""), false)
            .entrySet()
            .iterator();
    Iterator<Map.Entry<String, ConnectionHalf>> earlier =
        index
            .subMap(key(half.servicePort(), other, saturated(t, -windowNanos), ""), true, at, false)
            .descendingMap()
            .entrySet()
            .iterator();
    Map.Entry<String, ConnectionHalf> best = null;
    long bestDistance = Long.MAX_VALUE;
    Map.Entry<String, ConnectionHalf> l = later.hasNext() ? later.next() : null;
    Map.Entry<String, ConnectionHalf> e = earlier.hasNext() ? earlier.next() : null;
    while (l != null || e != null) {
      long dl = l == null ? Long.MAX_VALUE : Math.abs(l.getValue().timestampNanos() - t);
      long de = e == null ? Long.MAX_VALUE : Math.abs(e.getValue().timestampNanos() - t);
      Map.Entry<String, ConnectionHalf> candidate;
      long distance;
      if (dl <= de) {
        candidate = l;
        distance = dl;
        l = later.hasNext() ? later.next() : null;
      } else {
        candidate = e;
        distance = de;
        e = earlier.hasNext() ? earlier.next() : null;
      }
      if (distance > bestDistance) {
        break;
      }
      if (matches(half, candidate.getValue())
          && better(half, candidate.getValue(), best == null ? null : best.getValue())) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best == null) {
      String key = keyOf(half);
      index.put(key, half);
      halves.put(key, half.encode());
      return;
    }
    index.remove(best.getKey());
    halves.delete(best.getKey());
    ConnectionHalf match = best.getValue();
    ConnectionHalf client = half.side() == ConnectionHalf.Side.CLIENT ? half : match;
    ConnectionHalf server = half.side() == ConnectionHalf.Side.SERVER ? half : match;
    counters.add(server.host(), GraphCounterNames.STITCHED, 1);
    if (client.flowNode().equals(server.flowNode())) {
      return;
    }
    Edge edge = stitched(client, server);
    context.forward(new Record<>(edge.getSourceNode(), edge, record.timestamp()));
  }

  /** Whether a client and a server half can be the two ends of one connection. */
  boolean matches(ConnectionHalf a, ConnectionHalf b) {
    ConnectionHalf client = a.side() == ConnectionHalf.Side.CLIENT ? a : b;
    ConnectionHalf server = a.side() == ConnectionHalf.Side.CLIENT ? b : a;
    if (client.side() == server.side()
        || client.servicePort() != server.servicePort()
        || Math.abs(server.timestampNanos() - client.timestampNanos()) > windowNanos) {
      return false;
    }
    if (client.protocol() != null
        && server.protocol() != null
        && !client.protocol().equals(server.protocol())) {
      return false;
    }
    if (!IpAddresses.isWildcard(server.serviceAddress())
        && !server.serviceAddress().equals(client.serviceAddress())) {
      return false;
    }
    return client.host().equals(server.host())
        || !(IpAddresses.isHostLocal(client.serviceAddress())
            || IpAddresses.isHostLocal(server.peerAddress()));
  }

  private static boolean better(
      ConnectionHalf half, ConnectionHalf candidate, ConnectionHalf best) {
    if (best == null) {
      return true;
    }
    long dc = Math.abs(candidate.timestampNanos() - half.timestampNanos());
    long db = Math.abs(best.timestampNanos() - half.timestampNanos());
    return dc < db || (dc == db && candidate.eventId().compareTo(best.eventId()) < 0);
  }

  private static Edge stitched(ConnectionHalf client, ConnectionHalf server) {
    String id =
        EventIds.nameUuid(
                EventIds.NAMESPACE, "stitch\u0000" + client.eventId() + "\u0000" + server.eventId())
            .toString();
    return Edge.newBuilder()
        .setId(id)
        .setEventId(server.eventId())
        .setHost(server.host())
        .setOperation(Operation.ACCEPT)
        .setSourceNode(client.flowNode())
        .setTargetNode(server.processNode())
        .setActorNode(null)
        .setTimestampNanos(server.timestampNanos())
        .setSequence(server.sequence())
        .setAttributes(attributes(client, server))
        .build();
  }

  private static Map<String, String> attributes(ConnectionHalf client, ConnectionHalf server) {
    Map<String, String> at = new java.util.TreeMap<>();
    at.put("stitched", "true");
    at.put("clientHost", client.host());
    at.put("clientEventId", client.eventId());
    at.put("clientProcessNode", client.processNode());
    at.put("clientTimestampNanos", Long.toString(client.timestampNanos()));
    at.put("clientPid", Integer.toString(client.pid()));
    if (client.exe() != null) {
      at.put("clientExe", client.exe());
    }
    if (client.cmdline() != null) {
      at.put("clientCmdline", client.cmdline());
    }
    if (client.uid() != null) {
      at.put("clientUid", Long.toString(client.uid()));
    }
    at.put("serverFlowNode", server.flowNode());
    at.put("server", endpoint(client.serviceAddress(), server.servicePort()));
    at.put("client", endpoint(server.peerAddress(), server.peerPort()));
    return at;
  }

  private static String endpoint(String address, Integer port) {
    String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    return host + ":" + Objects.toString(port, "?");
  }

  private void expire() {
    if (highestNanos == Long.MIN_VALUE) {
      return;
    }
    long horizon = highestNanos - 2 * windowNanos;
    List<String> gone = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    for (Map.Entry<String, ConnectionHalf> h : index.entrySet()) {
      if (h.getValue().timestampNanos() < horizon) {
        gone.add(h.getKey());
        hosts.add(h.getValue().host());
      }
    }
    for (int i = 0; i < gone.size(); i++) {
      index.remove(gone.get(i));
      halves.delete(gone.get(i));
      counters.add(hosts.get(i), GraphCounterNames.UNMATCHED, 1);
    }
  }

  private static long saturated(long nanos, long delta) {
    long sum = nanos + delta;
    if (((nanos ^ sum) & (delta ^ sum)) < 0) {
      return delta < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  /** Store key: port, side, event time as sortable hexadecimal, event id. */
  private static String key(int port, ConnectionHalf.Side side, long nanos, String suffix) {
    return port
        + "/"
        + side.name().charAt(0)
        + "/"
        + HexFormat.of().toHexDigits(nanos ^ Long.MIN_VALUE)
        + "/"
        + suffix;
  }

  private static String keyOf(ConnectionHalf half) {
    return key(half.servicePort(), half.side(), half.timestampNanos(), half.eventId());
  }
}
