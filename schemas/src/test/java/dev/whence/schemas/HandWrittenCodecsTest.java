package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.whence.avro.Edge;
import dev.whence.avro.Event;
import dev.whence.avro.Node;
import dev.whence.avro.NodeKind;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.schemas.RecordDecodingException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The hand-written codecs write exactly Avro's bytes, read Avro's bytes into Avro's records, and
 * fail on damaged bytes exactly where and why {@link AvroSerde}'s Avro path fails.
 */
class HandWrittenCodecsTest {

  private static final Map<Class<?>, AvroSerde<?>> FAST =
      Map.of(
          Event.class, new AvroSerde<>(Event.class),
          Edge.class, new AvroSerde<>(Edge.class),
          Node.class, new AvroSerde<>(Node.class));

  private static final Map<Class<?>, AvroSerde<?>> AVRO =
      Map.of(
          Event.class, avroOnly(Event.class),
          Edge.class, avroOnly(Edge.class),
          Node.class, avroOnly(Node.class));

  private static final AvroSerde<Event> WITHOUT_RAW = AvroSerde.eventsWithoutRaw();

  @Example
  void everyCodecWasWrittenForTheCurrentSchemaOfItsRecord() {
    for (var entry : HandWrittenCodecs.all()) {
      Schema current = SpecificData.get().getSchema(entry.type());
      long currentFingerprint = SchemaNormalization.parsingFingerprint64(current);
      String codecName = entry.codec().getClass().getSimpleName();
      assertThat(AvroSerde.hex(entry.codec().schemaFingerprint()))
          .as(
              "The %s schema changed (now %s) but %s was written for %s: update the hand-written"
                  + " %s (and the nested codecs it calls) field by field to the new schema, then"
                  + " its SCHEMA_FINGERPRINT. Until then AvroSerde falls back to Avro's slower"
                  + " reader and writer. Released schemas are in"
                  + " schemas/src/main/resources/dev/whence/schemas/history/.",
              current.getName(),
              AvroSerde.hex(currentFingerprint),
              codecName,
              AvroSerde.hex(entry.codec().schemaFingerprint()),
              codecName)
          .isEqualTo(AvroSerde.hex(currentFingerprint));
    }
  }

  @Example
  void theSerdesOfTheHotRecordsUseTheirCodec() {
    FAST.values().forEach(serde -> assertThat(serde.usesHandWrittenCodec()).isTrue());
    AVRO.values().forEach(serde -> assertThat(serde.usesHandWrittenCodec()).isFalse());
    assertThat(new AvroSerde<>(dev.whence.avro.Alert.class).usesHandWrittenCodec()).isFalse();
  }

  @Example
  void enumsAreDeclaredInTheOrderOfTheirSchemaSymbols() {
    for (Class<? extends Enum<?>> type :
        List.of(Operation.class, SourceKind.class, ObjectKind.class, NodeKind.class)) {
      Schema schema = SpecificData.get().getSchema(type);
      List<String> declared = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
      assertThat(declared).as(type.getSimpleName()).isEqualTo(schema.getEnumSymbols());
    }
  }

  @Property(tries = 600)
  void writesAvrosBytes(@ForAll("records") SpecificRecord record) throws IOException {
    byte[] expected = avroBody(record);

    byte[] encoded = fast(record).encode(record);

    assertThat(Arrays.copyOfRange(encoded, AvroSerde.HEADER_LENGTH, encoded.length))
        .isEqualTo(expected);
    assertThat(encoded).isEqualTo(avro(record).encode(record));
  }

  @Property(tries = 600)
  void readsAvrosBytesIntoAvrosRecord(@ForAll("records") SpecificRecord record) throws IOException {
    byte[] body = avroBody(record);
    var reader = new SpecificDatumReader<SpecificRecord>(record.getSchema());
    SpecificRecord expected = reader.read(null, DecoderFactory.get().binaryDecoder(body, null));
    var codec = codecOf(record);
    var decoder = new ByteArrayDecoder().reset(body, 0, body.length);

    SpecificRecord decoded = codec.decode(decoder);

    assertThat(decoded).isEqualTo(expected).isEqualTo(record);
    assertThat(decoder.remainingBytes()).isZero();
  }

  @Property(tries = 1500)
  void mutatedRecordsDecodeAsOnTheAvroPath(
      @ForAll("records") SpecificRecord record,
      @ForAll("mutations") List<Tuple2<Integer, Byte>> mutations) {
    byte[] bytes = fast(record).encode(record);
    for (var mutation : mutations) {
      int body = bytes.length - AvroSerde.HEADER_LENGTH;
      bytes[AvroSerde.HEADER_LENGTH + mutation.get1() % body] = mutation.get2();
    }

    assertSameOutcome(record.getClass(), bytes);
  }

  @Property(tries = 800)
  void eventsWithoutRawDecodeAsEventsWithTheirRawEmptied(
      @ForAll("events") Event event,
      @ForAll("mutations") List<Tuple2<Integer, Byte>> mutations,
      @ForAll @IntRange(min = 0) int cut) {
    byte[] encoded = fast(event).encode(event);
    for (var mutation : mutations) {
      int body = encoded.length - AvroSerde.HEADER_LENGTH;
      encoded[AvroSerde.HEADER_LENGTH + mutation.get1() % body] = mutation.get2();
    }
    byte[] bytes =
        Arrays.copyOf(encoded, Math.max(AvroSerde.HEADER_LENGTH, encoded.length - cut % 4));

    Event whole = (Event) assertSameOutcome(Event.class, bytes);
    if (whole == null) {
      assertThatThrownBy(() -> WITHOUT_RAW.decode(bytes))
          .isInstanceOf(RecordDecodingException.class);
    } else {
      whole.setRaw(Map.of());
      assertThat(WITHOUT_RAW.decode(bytes)).isEqualTo(whole);
    }
  }

  @Example
  void eventsWithoutRawKeepRawOnlyOnTheirWay() throws IOException {
    Event event = Samples.execEvent();
    event.setRaw(Map.of("SYSCALL.arch", "c000003e"));

    Event read = WITHOUT_RAW.decode(WITHOUT_RAW.encode(event));

    assertThat(read.getRaw()).isEmpty();
    read.setRaw(event.getRaw());
    assertThat(read).isEqualTo(event);
    assertThat(WITHOUT_RAW.encode(event)).isEqualTo(fast(event).encode(event));
  }

  @Property(tries = 300)
  void truncatedRecordsDecodeAsOnTheAvroPath(
      @ForAll("records") SpecificRecord record, @ForAll @IntRange(min = 0) int cut) {
    byte[] full = fast(record).encode(record);
    byte[] bytes = Arrays.copyOf(full, cut % (full.length + 1));

    assertSameOutcome(record.getClass(), bytes);
  }

  @Property(tries = 800)
  void recordsWithBytesCutOutOrInsertedDecodeAsOnTheAvroPath(
      @ForAll("records") SpecificRecord record,
      @ForAll @IntRange(min = 0) int at,
      @ForAll @Size(max = 12) byte[] inserted,
      @ForAll @IntRange(min = 0, max = 12) int removed) {
    byte[] full = fast(record).encode(record);
    byte[] bytes = RecordArbitraries.splice(full, at, inserted, removed);

    assertSameOutcome(record.getClass(), bytes);
  }

  @Property(tries = 1000)
  void randomBodiesDecodeAsOnTheAvroPath(
      @ForAll("hotTypes") Class<? extends SpecificRecord> type,
      @ForAll @Size(max = 300) byte[] body) {
    byte[] bytes = new byte[AvroSerde.HEADER_LENGTH + body.length];
    System.arraycopy(fast(type).encode(sampleOf(type)), 0, bytes, 0, AvroSerde.HEADER_LENGTH);
    System.arraycopy(body, 0, bytes, AvroSerde.HEADER_LENGTH, body.length);

    assertSameOutcome(type, bytes);
  }

  @Property(tries = 300)
  void malformedUtf8DecodesAsAvroDecodesIt(@ForAll @Size(max = 40) byte[] text) throws IOException {
    Edge edge = edge(Map.of());
    edge.setId("\u0000".repeat(text.length));
    byte[] bytes = fast(edge).encode(edge);
    System.arraycopy(text, 0, bytes, AvroSerde.HEADER_LENGTH + 1, text.length);

    Edge decoded = (Edge) assertSameOutcome(Edge.class, bytes);
    Edge avrosOwn =
        new SpecificDatumReader<Edge>(Edge.getClassSchema())
            .read(
                null,
                DecoderFactory.get()
                    .binaryDecoder(
                        bytes,
                        AvroSerde.HEADER_LENGTH,
                        bytes.length - AvroSerde.HEADER_LENGTH,
                        null));

    assertThat(decoded).isNotNull().isEqualTo(avrosOwn);
    assertThat(decoded.getId())
        .isEqualTo(new String(text, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Property(tries = 300)
  void loneSurrogatesAreWrittenAsAvroWritesThem(@ForAll("textWithLoneSurrogates") String text)
      throws IOException {
    Edge edge = edge(Map.of(text, text));
    edge.setActorNode(text);
    Event event = Samples.execEvent();
    event.getSubject().setArgv(List.of(text, "", text));
    event.setRaw(Map.of(text, text));

    for (SpecificRecord record : List.<SpecificRecord>of(edge, event)) {
      byte[] encoded = fast(record).encode(record);
      assertThat(Arrays.copyOfRange(encoded, AvroSerde.HEADER_LENGTH, encoded.length))
          .isEqualTo(avroBody(record));
      assertThat(fast(record).decode(encoded)).isEqualTo(avro(record).decode(encoded));
    }
  }

  @Example
  void aRequiredNullFieldFailsAsOnTheAvroPath() {
    Event event = Samples.execEvent();
    event.getSubject().setArgv(Arrays.asList("curl", null));
    Edge edge = edge(new HashMap<>());
    edge.setOperation(null);

    for (SpecificRecord record : List.<SpecificRecord>of(event, edge)) {
      String expected = encodeFailure(avro(record), record).getMessage();
      assertThatThrownBy(() -> fast(record).encode(record))
          .isExactlyInstanceOf(SerializationException.class)
          .hasMessage(expected);
    }
  }

  @Example
  void hostileNodeBodiesFailAsOnTheAvroPath() {
    Map<String, Reason> bodies = new java.util.LinkedHashMap<>();
    bodies.put("a 2 GB id", Reason.TRUNCATED);
    bodies.put("a negative id length", Reason.MALFORMED);
    bodies.put("enum index 9 of 9 kinds", Reason.MALFORMED);
    bodies.put("enum index -1", Reason.MALFORMED);
    bodies.put("union index 2", Reason.MALFORMED);
    bodies.put("union index -1", Reason.MALFORMED);
    bodies.put("a billion attributes", Reason.TRUNCATED);
    bodies.put("a trailing byte", Reason.MALFORMED);
    bodies.put("no attributes at all", Reason.TRUNCATED);

    for (var body : bodies.entrySet()) {
      byte[] bytes = nodeBytes(body.getKey());
      var fastFailure = decodeFailure(FAST.get(Node.class), bytes);
      var avroFailure = decodeFailure(AVRO.get(Node.class), bytes);
      assertThat(fastFailure.reason()).as(body.getKey()).isEqualTo(body.getValue());
      assertThat(avroFailure.reason()).as(body.getKey()).isEqualTo(body.getValue());
    }
  }

  /** A Node body damaged as {@code damage} says, behind a valid header. */
  private static byte[] nodeBytes(String damage) {
    var body = new ByteArrayOutputStream();
    switch (damage) {
      case "a 2 GB id" -> writeLong(body, Integer.MAX_VALUE - 8);
      case "a negative id length" -> writeLong(body, -3);
      default -> {
        writeString(body, "n");
        writeString(body, "e");
        writeLong(
            body,
            switch (damage) {
              case "enum index 9 of 9 kinds" -> 9;
              case "enum index -1" -> -1;
              default -> 1;
            });
        writeString(body, "h");
        writeLong(body, 0);
        writeLong(
            body,
            switch (damage) {
              case "union index 2" -> 2;
              case "union index -1" -> -1;
              default -> 0;
            });
        writeLong(body, 1);
        writeLong(body, 2);
        switch (damage) {
          case "a billion attributes" -> writeLong(body, 1_000_000_000L);
          case "a trailing byte" -> {
            writeLong(body, 0);
            body.write(0);
          }
          case "no attributes at all" -> {}
          default -> writeLong(body, 0);
        }
      }
    }
    byte[] header = Arrays.copyOf(fast(Node.class).encode(sampleOf(Node.class)), 10);
    byte[] bytes = Arrays.copyOf(header, AvroSerde.HEADER_LENGTH + body.size());
    System.arraycopy(body.toByteArray(), 0, bytes, AvroSerde.HEADER_LENGTH, body.size());
    return bytes;
  }

  private static void writeLong(ByteArrayOutputStream out, long value) {
    byte[] buf = new byte[10];
    out.write(buf, 0, org.apache.avro.io.BinaryData.encodeLong(value, buf, 0));
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    writeLong(out, utf8.length);
    out.writeBytes(utf8);
  }

  private static RecordDecodingException decodeFailure(AvroSerde<?> serde, byte[] bytes) {
    try {
      return fail("decoded %s", serde.decode(bytes));
    } catch (RecordDecodingException e) {
      return e;
    }
  }

  @Example
  void aMapWithManyKeysRoundTripsInBlocksOfAnySize() throws IOException {
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      attributes.put("key-" + i + "-\u00e9", "value-" + i);
    }
    Edge edge = edge(attributes);
    var body = new ByteArrayOutputStream();
    BinaryEncoder blocks = EncoderFactory.get().blockingBinaryEncoder(body, null);
    new SpecificDatumWriter<Edge>(Edge.getClassSchema()).write(edge, blocks);
    blocks.flush();
    byte[] bytes = Arrays.copyOf(fast(edge).encode(edge), AvroSerde.HEADER_LENGTH);
    bytes = Arrays.copyOf(bytes, AvroSerde.HEADER_LENGTH + body.size());
    System.arraycopy(body.toByteArray(), 0, bytes, AvroSerde.HEADER_LENGTH, body.size());

    assertThat(fast(edge).decode(bytes)).isEqualTo(edge);
    assertThat(fast(edge).decode(fast(edge).encode(edge))).isEqualTo(edge);
  }

  @Provide
  Arbitrary<SpecificRecord> records() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, RecordArbitraries.of(Event.class)),
        Tuple.of(1, RecordArbitraries.of(Edge.class)),
        Tuple.of(1, RecordArbitraries.of(Node.class)),
        Tuple.of(1, Arbitraries.just(Samples.execEvent())));
  }

  @Provide
  Arbitrary<Event> events() {
    return Arbitraries.oneOf(
        RecordArbitraries.of(Event.class), Arbitraries.just(Samples.execEvent()));
  }

  @Provide
  Arbitrary<Class<? extends SpecificRecord>> hotTypes() {
    return Arbitraries.of(Event.class, Edge.class, Node.class);
  }

  @Provide
  Arbitrary<List<Tuple2<Integer, Byte>>> mutations() {
    return RecordArbitraries.byteMutations(4);
  }

  @Provide
  Arbitrary<String> textWithLoneSurrogates() {
    Arbitrary<Character> surrogate = Arbitraries.chars().range('\uD800', '\uDFFF');
    return Combinators.combine(RecordArbitraries.text(8), surrogate, RecordArbitraries.text(8))
        .as((before, lone, after) -> before + lone + after);
  }

  /**
   * Decodes on both paths; both give equal records or both fail with the same reason. Returns the
   * record, or null when both failed.
   */
  private static Object assertSameOutcome(Class<?> type, byte[] bytes) {
    Object expected;
    try {
      expected = AVRO.get(type).decode(bytes);
    } catch (RecordDecodingException avroFailure) {
      try {
        Object decoded = FAST.get(type).decode(bytes);
        return fail("Avro refused (%s) what the codec decoded: %s", avroFailure, decoded);
      } catch (RecordDecodingException fastFailure) {
        Statistics.collect(fastFailure.reason());
        assertThat(fastFailure.reason())
            .as("%s%nAvro path: %s", fastFailure.getMessage(), avroFailure.getMessage())
            .isEqualTo(avroFailure.reason());
        assertThat(fastFailure.recordType()).isEqualTo(avroFailure.recordType());
        return null;
      }
    }
    Statistics.collect("decoded");
    assertThat(FAST.get(type).decode(bytes)).isEqualTo(expected);
    return expected;
  }

  private static <T extends SpecificRecord> AvroSerde<T> avroOnly(Class<T> type) {
    return new AvroSerde<>(type, SchemaHistory.released(type.getSimpleName()), false);
  }

  @SuppressWarnings("unchecked")
  private static AvroSerde<SpecificRecord> fast(Object recordOrType) {
    return (AvroSerde<SpecificRecord>) FAST.get(typeOf(recordOrType));
  }

  @SuppressWarnings("unchecked")
  private static AvroSerde<SpecificRecord> avro(Object recordOrType) {
    return (AvroSerde<SpecificRecord>) AVRO.get(typeOf(recordOrType));
  }

  private static Class<?> typeOf(Object recordOrType) {
    return recordOrType instanceof Class<?> c ? c : recordOrType.getClass();
  }

  @SuppressWarnings("unchecked")
  private static RecordCodec<SpecificRecord> codecOf(SpecificRecord record) {
    return (RecordCodec<SpecificRecord>)
        HandWrittenCodecs.all().stream()
            .filter(e -> e.type() == record.getClass())
            .findFirst()
            .orElseThrow()
            .codec();
  }

  private static byte[] avroBody(SpecificRecord record) throws IOException {
    var body = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
    new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return body.toByteArray();
  }

  private static SerializationException encodeFailure(
      AvroSerde<SpecificRecord> serde, SpecificRecord record) {
    try {
      serde.encode(record);
    } catch (SerializationException e) {
      return e;
    }
    return fail("the Avro path encoded %s", record);
  }

  private static SpecificRecord sampleOf(Class<?> type) {
    if (type == Event.class) {
      return Samples.execEvent();
    }
    if (type == Edge.class) {
      return edge(Map.of("bytes", "42"));
    }
    return Node.newBuilder()
        .setId("n")
        .setEntityId("e")
        .setKind(NodeKind.FILE)
        .setHost("h")
        .setName("/etc/passwd")
        .setFirstSeenNanos(1)
        .setLastSeenNanos(2)
        .build();
  }

  private static Edge edge(Map<String, String> attributes) {
    return Edge.newBuilder()
        .setId("edge")
        .setEventId("event")
        .setHost("web-01")
        .setOperation(Operation.READ)
        .setSourceNode("source")
        .setTargetNode("target")
        .setTimestampNanos(-1L)
        .setSequence(Long.MAX_VALUE)
        .setAttributes(attributes)
        .build();
  }
}
