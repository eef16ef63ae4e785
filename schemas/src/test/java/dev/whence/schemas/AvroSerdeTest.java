package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.SourceKind;
import dev.whence.schemas.RecordDecodingException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final AvroSerde<Event> serde = new AvroSerde<>(Event.class);

  @Test
  void writesMarkerThenLittleEndianFingerprintOfTheSchema() {
    byte[] bytes = serde.encode(Samples.execEvent());

    long expected = SchemaNormalization.parsingFingerprint64(Event.getClassSchema());
    assertThat(serde.fingerprint()).isEqualTo(expected);
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())
        .isEqualTo(expected);
  }

  @Test
  void roundTripsARealisticEventWithNestedRecordsAndNoAvroSystemProperty() {
    assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES")).isNull();
    Event event = Samples.execEvent();

    assertThat(serde.decode(serde.encode(event))).isEqualTo(event);
  }

  @Test
  void trustsOnlyTheGeneratedRecordPackage() {
    var validator = ClassSecurityValidator.getGlobal();

    assertThat(validator.isTrusted(Event.class)).isTrue();
    assertThat(validator.isTrusted(java.io.File.class)).isFalse();
    assertThat(validator.isTrusted(java.lang.ProcessBuilder.class)).isFalse();
    assertThat(TrustedAvroClasses.isGeneratedRecordClass(AvroSerde.class)).isFalse();
  }

  @Test
  void interoperatesWithAvrosOwnSingleObjectCoders() throws Exception {
    Event event = Samples.execEvent();
    var avroEncoder = new BinaryMessageEncoder<Event>(GenericData.get(), Event.getClassSchema());

    byte[] avroBytes = toArray(avroEncoder.encode(event));
    byte[] ours = serde.encode(event);

    assertThat(ours).isEqualTo(avroBytes);
    assertThat(serde.decode(avroBytes)).isEqualTo(event);
    assertThat(Event.getDecoder().decode(ours)).isEqualTo(event);
  }

  @Test
  void serdeMapsNullToNullBothWays() {
    assertThat(serde.serializer().serialize("whence.events", null)).isNull();
    assertThat(serde.deserializer().deserialize("whence.events", null)).isNull();
    Event event = Samples.execEvent();
    byte[] bytes = serde.serializer().serialize("whence.events", event);
    assertThat(serde.deserializer().deserialize("whence.events", bytes)).isEqualTo(event);
  }

  @Test
  void refusesToEncodeARecordMissingARequiredField() {
    Event event = Samples.execEvent();
    event.setHost(null);

    assertThatThrownBy(() -> serde.encode(event))
        .isInstanceOf(SerializationException.class)
        .isNotInstanceOf(RecordDecodingException.class)
        .hasMessageStartingWith("cannot encode Event: ")
        .hasMessageContaining("host");
    assertThat(serde.decode(serde.encode(Samples.execEvent()))).isEqualTo(Samples.execEvent());
  }

  @Test
  void rejectsAnUnknownFingerprintNamingTypeAndFingerprint() {
    byte[] bytes = serde.encode(Samples.execEvent());
    bytes[2] ^= 0x5a;
    long claimed = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();

    var error = decodeError(bytes);

    assertThat(error.reason()).isEqualTo(Reason.UNKNOWN_FINGERPRINT);
    assertThat(error.recordType()).isEqualTo("Event");
    assertThat(error.getMessage())
        .startsWith("cannot decode Event: unknown writer schema fingerprint ")
        .contains(String.format("%016x", claimed))
        .contains(AvroSerde.hex(serde.fingerprint()));
  }

  @Test
  void recordsOfAnotherTypeAreAnUnknownFingerprint() {
    var rejected = new AvroSerde<>(RejectedInput.class);
    byte[] bytes =
        rejected.encode(
            RejectedInput.newBuilder()
                .setHost("h")
                .setSource(SourceKind.LINUX_AUDIT)
                .setStage("parse")
                .setReasonCode("MALFORMED_LINE")
                .setReason("no type=")
                .setReceivedNanos(1L)
                .setBytes(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .build());

    assertThat(decodeError(bytes).reason()).isEqualTo(Reason.UNKNOWN_FINGERPRINT);
  }

  @Test
  void rejectsBytesWithoutTheMarker() {
    byte[] json = "{\"id\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    var error = decodeError(json);

    assertThat(error.reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT);
    assertThat(error.getMessage())
        .isEqualTo(
            "cannot decode Event: not Avro single-object encoding: expected marker C3 01,"
                + " found 7B 22 (10 bytes)");
    assertThat(decodeError(new byte[] {(byte) 0xC3, 0x02, 0, 0, 0, 0, 0, 0, 0, 0}).reason())
        .isEqualTo(Reason.NOT_SINGLE_OBJECT);
  }

  @Test
  void reportsAnIncompleteHeaderAsTruncated() {
    byte[] full = serde.encode(Samples.execEvent());
    for (int length = 0; length < AvroSerde.HEADER_LENGTH; length++) {
      var error = decodeError(Arrays.copyOf(full, length));
      assertThat(error.reason()).as("length %d", length).isEqualTo(Reason.TRUNCATED);
      assertThat(error.getMessage()).contains("only " + length + " byte(s)");
    }
  }

  @Test
  void reportsABodyCutShortAsTruncated() {
    byte[] full = serde.encode(Samples.execEvent());

    var error = decodeError(Arrays.copyOf(full, full.length - 1));

    assertThat(error.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(error.getMessage())
        .startsWith("cannot decode Event: body ends early")
        .contains(AvroSerde.hex(serde.fingerprint()));
  }

  @Test
  void rejectsBytesAfterTheEndOfTheRecord() {
    byte[] full = serde.encode(Samples.execEvent());
    byte[] longer = Arrays.copyOf(full, full.length + 3);

    var error = decodeError(longer);

    assertThat(error.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(error.getMessage()).contains("3 unexpected byte(s) after the end of the record");
  }

  @Test
  void aClaimedTwoGigabyteStringAllocatesNothing() {
    // The surefire heap is 1 GiB: allocating the claimed string would fail with OutOfMemoryError.
    byte[] bytes = withBody(varLong(Integer.MAX_VALUE - 8));

    var error = decodeError(bytes);

    assertThat(error.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(error.getMessage()).contains("2147483639");
  }

  @Test
  void aClaimedBillionElementArrayAllocatesNothing() {
    var body = new ByteArrayOutputStream();
    for (String s : List.of("id", "host", "boot")) {
      body.writeBytes(varLong(s.length()));
      body.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    body.writeBytes(varLong(0)); // source
    body.writeBytes(varLong(1)); // sequence
    body.writeBytes(varLong(1)); // timestampNanos
    body.writeBytes(varLong(0)); // operation
    body.writeBytes(varLong(0)); // action: null
    body.write(1); // success
    body.writeBytes(varLong(0)); // returnValue: null
    body.writeBytes(varLong(0)); // flags: null
    body.writeBytes(varLong(0)); // size: null
    body.writeBytes(varLong(1)); // subject.pid
    for (int i = 0; i < 14; i++) {
      body.writeBytes(varLong(0)); // subject: tid .. exe all null
    }
    body.writeBytes(varLong(1_000_000_000L)); // argv: claims a billion strings

    var error = decodeError(withBody(body.toByteArray()));

    assertThat(error.reason()).isIn(Reason.TRUNCATED, Reason.MALFORMED);
    assertThat(error.getMessage()).contains("1000000000");
  }

  @Test
  void aNegativeLengthIsMalformed() {
    var error = decodeError(withBody(varLong(-5)));

    assertThat(error.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(error.getMessage()).contains("-5");
  }

  @Test
  void anOverlongVarIntIsMalformed() {
    byte[] body = new byte[12];
    Arrays.fill(body, (byte) 0xff);

    assertThat(decodeError(withBody(body)).reason()).isIn(Reason.MALFORMED, Reason.TRUNCATED);
  }

  @Test
  void decodesRecordsWrittenWithAnOlderSchemaItWasGiven() throws Exception {
    Schema current = Event.getClassSchema();
    Schema older = withoutFields(current, "size", "flags");
    Event event = Samples.execEvent();
    event.setSize(77L);
    event.setFlags(3L);
    GenericRecord written = new GenericData.Record(older);
    for (Schema.Field field : older.getFields()) {
      written.put(field.name(), event.get(field.name()));
    }
    byte[] bytes =
        toArray(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(written));
    long olderFingerprint = SchemaNormalization.parsingFingerprint64(older);

    var withHistory = new AvroSerde<>(Event.class, List.of(older));
    Event decoded = withHistory.decode(bytes);

    assertThat(withHistory.knownFingerprints()).contains(olderFingerprint, serde.fingerprint());
    assertThat(decoded.getSize()).isNull();
    assertThat(decoded.getFlags()).isNull();
    decoded.setSize(77L);
    decoded.setFlags(3L);
    assertThat(decoded).isEqualTo(event);
    assertThat(decodeError(bytes).getMessage()).contains(AvroSerde.hex(olderFingerprint));
  }

  @Test
  void readsBlockEncodedCollectionsWithByteSizes() throws Exception {
    Event event = Samples.execEvent();
    byte[] body = blockEncoded(Event.getClassSchema(), event);

    assertThat(body).hasSizeGreaterThan(plainEncoded(Event.getClassSchema(), event).length);
    assertThat(serde.decode(withBody(body))).isEqualTo(event);
  }

  @Test
  void skipsFieldsThatAWriterHadAndTheCurrentSchemaLacks() throws Exception {
    Schema current = Event.getClassSchema();
    var fields = new ArrayList<Schema.Field>();
    current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    Schema strings = Schema.createArray(Schema.create(Schema.Type.STRING));
    fields.add(new Schema.Field("tenant", Schema.create(Schema.Type.STRING), "Tenant.", ""));
    fields.add(new Schema.Field("labels", strings, "Labels.", List.of()));
    fields.add(
        new Schema.Field(
            "extra", Schema.createMap(Schema.create(Schema.Type.STRING)), "Extra.", Map.of()));
    fields.add(
        new Schema.Field("digest", Schema.create(Schema.Type.BYTES), "Digest.", new byte[0]));
    Schema writer = Schema.createRecord("Event", "An event.", "dev.whence.avro", false, fields);
    Event event = Samples.execEvent();
    GenericRecord written = new GenericData.Record(writer);
    for (Schema.Field field : current.getFields()) {
      written.put(field.name(), event.get(field.name()));
    }
    written.put("tenant", "acme");
    written.put("labels", List.of("a", "b", "c"));
    written.put("extra", Map.of("k1", "v1", "k2", "v2"));
    written.put("digest", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    long writerFingerprint = SchemaNormalization.parsingFingerprint64(writer);
    byte[] header = Arrays.copyOf(serde.encode(event), AvroSerde.HEADER_LENGTH);
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (writerFingerprint >>> (8 * i));
    }
    var newer = new AvroSerde<>(Event.class, List.of(writer));

    for (byte[] body : List.of(blockEncoded(writer, written), plainEncoded(writer, written))) {
      byte[] bytes = Arrays.copyOf(header, header.length + body.length);
      System.arraycopy(body, 0, bytes, header.length, body.length);
      assertThat(newer.decode(bytes)).isEqualTo(event);
    }
  }

  @Test
  void refusesAtConstructionAWriterSchemaItCannotResolve() {
    Schema incompatible =
        Schema.createRecord(
            "Event",
            "doc",
            "dev.whence.avro",
            false,
            List.of(new Schema.Field("id", Schema.create(Schema.Type.LONG), "doc")));

    assertThatThrownBy(() -> new AvroSerde<>(Event.class, List.of(incompatible)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Event: the current schema cannot read writer schema ");
  }

  @Test
  void knowsEveryReleasedVersionByDefault() {
    for (Schema released : SchemaHistory.released("Event")) {
      assertThat(serde.knownFingerprints())
          .contains(SchemaNormalization.parsingFingerprint64(released));
    }
    assertThat(SchemaHistory.released("Event")).isNotEmpty();
  }

  @Test
  void loneSurrogatesBecomeQuestionMarks() {
    Event event = Samples.execEvent();
    event.getSubject().setExe("/tmp/\uD800x");

    assertThat(serde.decode(serde.encode(event)).getSubject().getExe()).isEqualTo("/tmp/?x");
  }

  @Test
  void encodesLargeRecordsAndReusesItsBufferAfterwards() {
    Event event = Samples.execEvent();
    var argv = new ArrayList<String>();
    for (int i = 0; i < 20_000; i++) {
      argv.add("argument-" + i + "-\u00e9\u4e2d\n\"");
    }
    event.getSubject().setArgv(argv);
    event.setRaw(Map.of("PROCTITLE.proctitle", "x".repeat(2_000_000)));

    assertThat(serde.decode(serde.encode(event))).isEqualTo(event);
    assertThat(serde.decode(serde.encode(Samples.execEvent()))).isEqualTo(Samples.execEvent());
  }

  private RecordDecodingException decodeError(byte[] bytes) {
    var error = catchThrowableOfType(RecordDecodingException.class, () -> serde.decode(bytes));
    assertThat(error).as("decoding %d bytes must fail", bytes.length).isNotNull();
    assertThat(error.recordType()).isEqualTo("Event");
    return error;
  }

  private byte[] withBody(byte[] body) {
    byte[] header = Arrays.copyOf(serde.encode(Samples.execEvent()), AvroSerde.HEADER_LENGTH);
    byte[] bytes = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, bytes, header.length, body.length);
    return bytes;
  }

  private static byte[] varLong(long value) {
    var out = new ByteArrayOutputStream();
    try {
      var encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      encoder.writeLong(value);
      encoder.flush();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  private static byte[] blockEncoded(Schema schema, Object datum) throws java.io.IOException {
    var out = new ByteArrayOutputStream();
    var encoder = EncoderFactory.get().blockingBinaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema, SpecificData.get()).write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] plainEncoded(Schema schema, Object datum) throws java.io.IOException {
    var out = new ByteArrayOutputStream();
    var encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema, SpecificData.get()).write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static Schema withoutFields(Schema record, String... names) {
    var dropped = List.of(names);
    var fields = new ArrayList<Schema.Field>();
    for (Schema.Field field : record.getFields()) {
      if (!dropped.contains(field.name())) {
        fields.add(new Schema.Field(field, field.schema()));
      }
    }
    return Schema.createRecord(
        record.getName(), record.getDoc(), record.getNamespace(), false, fields);
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
