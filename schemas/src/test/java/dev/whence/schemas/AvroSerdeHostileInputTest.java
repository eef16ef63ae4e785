package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.schemas.RecordDecodingException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Random bytes, random bodies behind a valid header, and truncated or mutated valid encodings
 * decode to a record or fail with {@link RecordDecodingException}, and nothing else.
 */
class AvroSerdeHostileInputTest {

  /** Event as a newer writer may have it: four more fields, which the current reader skips. */
  private static final Schema WIDER_EVENT = widerEvent();

  private static final AvroSerde<Event> READS_WIDER_EVENTS =
      new AvroSerde<>(Event.class, List.of(WIDER_EVENT));

  private static final List<AvroSerde<?>> SERDES =
      Topics.all().stream().<AvroSerde<?>>map(t -> (AvroSerde<?>) t.value()).toList();

  @Property(tries = 2000)
  void randomBytes(@ForAll("serdes") AvroSerde<?> serde, @ForAll @Size(max = 300) byte[] bytes) {
    decodeOrFailTyped(serde, bytes);
  }

  @Property(tries = 3000)
  void randomBodiesBehindAValidHeader(
      @ForAll("serdes") AvroSerde<?> serde, @ForAll @Size(max = 400) byte[] body) {
    byte[] bytes = Arrays.copyOf(header(serde), AvroSerde.HEADER_LENGTH + body.length);
    System.arraycopy(body, 0, bytes, AvroSerde.HEADER_LENGTH, body.length);

    decodeOrFailTyped(serde, bytes);
  }

  @Property(tries = 300)
  void everyProperPrefixOfAValidEncodingIsTruncated(
      @ForAll("records") SpecificRecord record,
      @ForAll @Size(max = 40) List<@net.jqwik.api.constraints.IntRange(min = 0) Integer> cuts) {
    var serde = serdeOf(record);
    byte[] full = encode(serde, record);
    var lengths = new java.util.TreeSet<Integer>();
    for (int i = 0; i < Math.min(full.length, 24); i++) {
      lengths.add(i);
    }
    lengths.add(full.length - 1);
    cuts.forEach(c -> lengths.add(c % full.length));

    for (int length : lengths) {
      var error = decodeOrFailTyped(serde, Arrays.copyOf(full, length));
      assertThat(error).as("prefix of %d of %d bytes", length, full.length).isNotNull();
      assertThat(error.reason()).as(error.getMessage()).isEqualTo(Reason.TRUNCATED);
    }
  }

  @Property(tries = 1000)
  void mutatedValidEncodings(
      @ForAll("records") SpecificRecord record,
      @ForAll("mutations") List<Tuple2<Integer, Byte>> mutations) {
    var serde = serdeOf(record);
    byte[] bytes = encode(serde, record);
    for (var mutation : mutations) {
      int body = bytes.length - AvroSerde.HEADER_LENGTH;
      bytes[AvroSerde.HEADER_LENGTH + mutation.get1() % body] = mutation.get2();
    }

    decodeOrFailTyped(serde, bytes);
  }

  @Property(tries = 500)
  void validEncodingsWithBytesCutOutOrInserted(
      @ForAll("records") SpecificRecord record,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0) int at,
      @ForAll @Size(max = 12) byte[] inserted,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 12) int removed) {
    var serde = serdeOf(record);
    byte[] full = encode(serde, record);
    byte[] bytes = RecordArbitraries.splice(full, at, inserted, removed);

    decodeOrFailTyped(serde, bytes);
  }

  @Property(tries = 500)
  void mutatedEncodingsOfAWriterWhoseExtraFieldsAreSkipped(
      @ForAll("events") Event event,
      @ForAll("mutations") List<Tuple2<Integer, Byte>> mutations,
      @ForAll boolean blocks)
      throws IOException {
    GenericRecord written = new GenericData.Record(WIDER_EVENT);
    for (Schema.Field field : Event.getClassSchema().getFields()) {
      written.put(field.name(), event.get(field.name()));
    }
    written.put("tenant", event.getHost());
    written.put("labels", event.getSubject().getArgv());
    written.put("extra", event.getRaw());
    written.put("digest", ByteBuffer.wrap(event.getId().getBytes(StandardCharsets.UTF_8)));
    var body = new ByteArrayOutputStream();
    var encoder =
        blocks
            ? EncoderFactory.get().blockingBinaryEncoder(body, null)
            : EncoderFactory.get().binaryEncoder(body, null);
    new GenericDatumWriter<Object>(WIDER_EVENT, SpecificData.get()).write(written, encoder);
    encoder.flush();
    long fingerprint = SchemaNormalization.parsingFingerprint64(WIDER_EVENT);
    byte[] bytes = new byte[AvroSerde.HEADER_LENGTH + body.size()];
    bytes[0] = (byte) 0xC3;
    bytes[1] = 0x01;
    for (int i = 0; i < 8; i++) {
      bytes[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    System.arraycopy(body.toByteArray(), 0, bytes, AvroSerde.HEADER_LENGTH, body.size());
    assertThat(READS_WIDER_EVENTS.decode(bytes)).isEqualTo(event);

    for (var mutation : mutations) {
      int length = bytes.length - AvroSerde.HEADER_LENGTH;
      bytes[AvroSerde.HEADER_LENGTH + mutation.get1() % length] = mutation.get2();
    }
    decodeOrFailTyped(READS_WIDER_EVENTS, bytes);
  }

  @Provide
  Arbitrary<Event> events() {
    return RecordArbitraries.of(Event.class);
  }

  @Provide
  Arbitrary<List<Tuple2<Integer, Byte>>> mutations() {
    return RecordArbitraries.byteMutations(4);
  }

  @Provide
  Arbitrary<AvroSerde<?>> serdes() {
    return Arbitraries.of(SERDES);
  }

  @Provide
  Arbitrary<SpecificRecord> records() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, RecordArbitraries.of(dev.whence.avro.Event.class)),
        Tuple.of(1, RecordArbitraries.of(dev.whence.avro.Alert.class)),
        Tuple.of(1, RecordArbitraries.of(dev.whence.avro.CollectorStatus.class)),
        Tuple.of(1, RecordArbitraries.of(dev.whence.avro.RejectedInput.class)),
        Tuple.of(1, RecordArbitraries.of(dev.whence.avro.Node.class)),
        Tuple.of(1, RecordArbitraries.of(dev.whence.avro.Edge.class)),
        Tuple.of(1, RecordArbitraries.of(dev.whence.avro.RuleSource.class)));
  }

  private static Schema widerEvent() {
    var fields = new ArrayList<Schema.Field>();
    Event.getClassSchema().getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    Schema string = Schema.create(Schema.Type.STRING);
    fields.add(new Schema.Field("tenant", string, "Tenant.", ""));
    fields.add(new Schema.Field("labels", Schema.createArray(string), "Labels.", List.of()));
    fields.add(new Schema.Field("extra", Schema.createMap(string), "Extra.", Map.of()));
    fields.add(
        new Schema.Field("digest", Schema.create(Schema.Type.BYTES), "Digest.", new byte[0]));
    return Schema.createRecord("Event", "An event.", "dev.whence.avro", false, fields);
  }

  /** Decodes; returns the typed failure, or null on success. Any other throwable fails. */
  private static RecordDecodingException decodeOrFailTyped(AvroSerde<?> serde, byte[] bytes) {
    try {
      serde.decode(bytes);
      Statistics.collect("decoded");
      return null;
    } catch (RecordDecodingException e) {
      Statistics.collect(e.reason());
      assertThat(e.recordType()).isEqualTo(serde.type().getSimpleName());
      assertThat(e.getMessage()).startsWith("cannot decode " + serde.type().getSimpleName() + ": ");
      return e;
    }
  }

  private static byte[] header(AvroSerde<?> serde) {
    byte[] header = new byte[AvroSerde.HEADER_LENGTH];
    header[0] = (byte) 0xC3;
    header[1] = 0x01;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (serde.fingerprint() >>> (8 * i));
    }
    return header;
  }

  @SuppressWarnings("unchecked")
  private static AvroSerde<SpecificRecord> serdeOf(SpecificRecord record) {
    return (AvroSerde<SpecificRecord>)
        SERDES.stream().filter(s -> s.type() == record.getClass()).findFirst().orElseThrow();
  }

  private static byte[] encode(AvroSerde<SpecificRecord> serde, SpecificRecord record) {
    return serde.encode(record);
  }
}
