package dev.whence.schemas;

import dev.whence.avro.Event;
import dev.whence.schemas.RecordDecodingException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Registry-free Kafka serde for a generated Avro record, using Avro single-object encoding: the
 * 2-byte marker {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer
 * schema, then the binary body.
 *
 * <p>It writes with the record's current schema and reads records written by the current schema or
 * by any other schema it was given (by default every released version in {@link SchemaHistory}),
 * resolving them to the current one. Every decoding failure is a {@link RecordDecodingException}:
 * each length and item count in the input is checked against the bytes that remain before anything
 * is allocated, then against Avro's {@code org.apache.avro.limits.*} limits, so garbage claiming a
 * 2 GB string allocates nothing; bytes left after the record are refused too.
 *
 * <p>For speed it writes into a reused array and reads from the input array: the hot records
 * (Event, Edge, Node) written with the current schema go through hand-written codecs, the others
 * through the generated classes' own encoders and Avro's fast reader, and records of an older
 * schema through Avro's resolving reader; the bytes are exactly Avro's either way.
 *
 * <p>Instances are thread-safe; each thread reuses its own buffer, encoder, decoder and readers.
 * Loading this class also lets Avro instantiate the generated classes of {@code dev.whence.avro}
 * (Avro 1.12.2 refuses classes outside {@code org.apache.avro.SERIALIZABLE_PACKAGES}): it extends
 * Avro's global class validator, so nobody needs to set that property.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  static {
    TrustedAvroClasses.install();
  }

  /** Length of the single-object header: marker and fingerprint. */
  public static final int HEADER_LENGTH = 10;

  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;

  private final Class<T> type;
  private final String typeName;
  private final SpecificData model;
  private final SpecificData fastModel;
  private final Schema schema;
  private final long fingerprint;
  private final byte[] header;
  private final Map<Long, Schema> olderSchemas;
  private final RecordCodec<T> codec;
  private final ThreadLocal<EncodeState> encodeStates;
  private final ThreadLocal<DecodeState> decodeStates;

  /**
   * Creates a serde for records of {@code type} that also reads every released version of the
   * record's schema found in {@link SchemaHistory}.
   */
  public AvroSerde(Class<T> type) {
    this(type, SchemaHistory.released(type.getSimpleName()));
  }

  /**
   * Creates a serde for records of {@code type} that also reads records written with any of {@code
   * writerSchemas} (older versions of the record's schema).
   *
   * @throws IllegalArgumentException if one of them cannot be resolved to the current schema
   */
  public AvroSerde(Class<T> type, Collection<Schema> writerSchemas) {
    this(type, writerSchemas, true);
  }

  /**
   * As {@link #AvroSerde(Class, Collection)}; with {@code handWritten} false it never uses a
   * hand-written codec (tests compare both paths).
   */
  AvroSerde(Class<T> type, Collection<Schema> writerSchemas, boolean handWritten) {
    this(type, writerSchemas, handWritten ? HandWrittenCodecs::forSchema : (t, f) -> null);
  }

  /**
   * A serde of {@link Event}s whose decoding skips each event's {@code raw} map (after checking it
   * as a full decoding would), leaving it empty, when the record was written with the current
   * schema: for readers that never look at it, such as the topology. Encoding is unchanged.
   */
  public static AvroSerde<Event> eventsWithoutRaw() {
    return new AvroSerde<>(
        Event.class,
        SchemaHistory.released(Event.class.getSimpleName()),
        (t, current) -> current == EventCodec.SCHEMA_FINGERPRINT ? EventCodec.WITHOUT_RAW : null);
  }

  private AvroSerde(
      Class<T> type,
      Collection<Schema> writerSchemas,
      BiFunction<Class<T>, Long, RecordCodec<T>> codecs) {
    this.type = Objects.requireNonNull(type, "type");
    this.typeName = type.getSimpleName();
    this.model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.fastModel = new SpecificData(type.getClassLoader());
    model.getConversions().forEach(fastModel::addLogicalTypeConversion);
    fastModel.setCustomCoders(true);
    this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    this.header = new byte[HEADER_LENGTH];
    header[0] = MARKER_0;
    header[1] = MARKER_1;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    Map<Long, Schema> older = new LinkedHashMap<>();
    for (Schema writer : writerSchemas) {
      long writerFingerprint = SchemaNormalization.parsingFingerprint64(writer);
      if (writerFingerprint == fingerprint) {
        continue;
      }
      var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(schema, writer);
      if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        throw new IllegalArgumentException(
            typeName
                + ": the current schema cannot read writer schema "
                + hex(writerFingerprint)
                + ": "
                + compatibility.getDescription());
      }
      older.put(writerFingerprint, writer);
    }
    this.olderSchemas = Map.copyOf(older);
    this.codec = codecs.apply(type, fingerprint);
    this.encodeStates = ThreadLocal.withInitial(EncodeState::new);
    this.decodeStates = ThreadLocal.withInitial(DecodeState::new);
  }

  /** Whether records of the current schema go through a hand-written codec. */
  boolean usesHandWrittenCodec() {
    return codec != null;
  }

  /** The record class this serde reads and writes. */
  public Class<T> type() {
    return type;
  }

  /** The schema this serde writes with and resolves every record to. */
  public Schema schema() {
    return schema;
  }

  /** CRC-64-AVRO fingerprint of {@link #schema()}, as written in each header. */
  public long fingerprint() {
    return fingerprint;
  }

  /** Fingerprints of every writer schema this serde can read, the current one included. */
  public Set<Long> knownFingerprints() {
    var known = new HashSet<>(olderSchemas.keySet());
    known.add(fingerprint);
    return Set.copyOf(known);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  /**
   * Encodes one record to single-object bytes.
   *
   * @throws SerializationException if the record does not fit the schema (a null required field)
   */
  public byte[] encode(T value) {
    if (value == null) {
      throw new SerializationException("cannot encode " + typeName + ": the record is null");
    }
    EncodeState state = encodeStates.get();
    ByteArrayEncoder encoder = state.encoder;
    encoder.reset();
    encoder.writeFixed(header, 0, HEADER_LENGTH);
    try {
      if (codec != null) {
        codec.encode(value, encoder);
      } else {
        state.writer.write(value, encoder);
      }
    } catch (IOException | RuntimeException e) {
      throw encodingFailure(value, e);
    }
    return encoder.toByteArray();
  }

  /**
   * Decodes single-object bytes written by the current schema or a known older one.
   *
   * @throws RecordDecodingException if the bytes are not such a record, for whatever reason
   */
  public T decode(byte[] bytes) {
    if (bytes == null) {
      throw new RecordDecodingException(Reason.TRUNCATED, typeName, "no bytes (null)", null);
    }
    long writerFingerprint = readHeader(bytes);
    DecodeState state = decodeStates.get();
    boolean handWritten = codec != null && writerFingerprint == fingerprint;
    DatumReader<T> reader = handWritten ? null : state.reader(writerFingerprint);
    ByteArrayDecoder decoder =
        state.decoder.reset(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH);
    T value;
    int trailing;
    try {
      value = handWritten ? codec.decode(decoder) : reader.read(null, decoder);
      trailing = decoder.remainingBytes();
    } catch (EOFException e) {
      throw failure(Reason.TRUNCATED, "body ends early", bytes, writerFingerprint, e);
    } catch (IOException | RuntimeException e) {
      throw failure(
          Reason.MALFORMED, "body does not match its schema", bytes, writerFingerprint, e);
    } finally {
      decoder.release();
    }
    if (trailing != 0) {
      throw failure(
          Reason.MALFORMED,
          trailing + " unexpected byte(s) after the end of the record",
          bytes,
          writerFingerprint,
          null);
    }
    return value;
  }

  /**
   * The generated encoders that write fast do not say which field is wrong; the validating writer,
   * run again on the refused record, does.
   */
  private SerializationException encodingFailure(T value, Exception fastFailure) {
    Exception explained = fastFailure;
    try {
      new SpecificDatumWriter<>(schema, model)
          .write(value, EncoderFactory.get().binaryEncoder(OutputStream.nullOutputStream(), null));
    } catch (IOException | RuntimeException e) {
      explained = e;
    }
    return new SerializationException(
        "cannot encode " + typeName + ": " + explained.getMessage(), fastFailure);
  }

  private long readHeader(byte[] bytes) {
    int length = bytes.length;
    boolean markerOk = (length < 1 || bytes[0] == MARKER_0) && (length < 2 || bytes[1] == MARKER_1);
    if (!markerOk) {
      throw new RecordDecodingException(
          Reason.NOT_SINGLE_OBJECT,
          typeName,
          "not Avro single-object encoding: expected marker C3 01, found "
              + hexBytes(bytes, Math.min(length, 2))
              + " ("
              + length
              + " bytes)",
          null);
    }
    if (length < HEADER_LENGTH) {
      throw new RecordDecodingException(
          Reason.TRUNCATED,
          typeName,
          "only " + length + " byte(s), shorter than the 10-byte single-object header",
          null);
    }
    long writerFingerprint = 0;
    for (int i = 7; i >= 0; i--) {
      writerFingerprint = (writerFingerprint << 8) | (bytes[2 + i] & 0xffL);
    }
    return writerFingerprint;
  }

  private RecordDecodingException failure(
      Reason reason, String what, byte[] bytes, long writerFingerprint, Throwable cause) {
    String detail =
        what
            + " (writer schema "
            + hex(writerFingerprint)
            + ", "
            + bytes.length
            + " bytes)"
            + (cause == null ? "" : ": " + describe(cause));
    return new RecordDecodingException(reason, typeName, detail, cause);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank()
        ? cause.getClass().getSimpleName()
        : cause.getClass().getSimpleName() + ": " + message;
  }

  /** A fingerprint as Whence prints it: 16 hexadecimal digits of the CRC-64-AVRO value. */
  public static String hex(long fingerprint) {
    return String.format("%016x", fingerprint);
  }

  private static String hexBytes(byte[] bytes, int count) {
    var out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xff));
    }
    return count == 0 ? "nothing" : out.toString();
  }

  private final class EncodeState {
    final ByteArrayEncoder encoder = new ByteArrayEncoder();
    final SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(schema, fastModel);
  }

  private final class DecodeState {
    final DatumReader<T> current = new SpecificDatumReader<>(schema, schema, model);
    final Map<Long, DatumReader<T>> older = new HashMap<>();
    final ByteArrayDecoder decoder = new ByteArrayDecoder();

    DatumReader<T> reader(long writerFingerprint) {
      if (writerFingerprint == fingerprint) {
        return current;
      }
      DatumReader<T> reader = older.get(writerFingerprint);
      if (reader == null) {
        Schema writer = olderSchemas.get(writerFingerprint);
        if (writer == null) {
          throw unknown(writerFingerprint);
        }
        reader = new SpecificDatumReader<>(writer, schema, model);
        older.put(writerFingerprint, reader);
      }
      return reader;
    }

    private RecordDecodingException unknown(long writerFingerprint) {
      List<String> known =
          knownFingerprints().stream().sorted().map(AvroSerde::hex).collect(Collectors.toList());
      return new RecordDecodingException(
          Reason.UNKNOWN_FINGERPRINT,
          typeName,
          "unknown writer schema fingerprint "
              + hex(writerFingerprint)
              + " (this reader knows "
              + String.join(", ", known)
              + ")",
          null);
    }
  }
}
