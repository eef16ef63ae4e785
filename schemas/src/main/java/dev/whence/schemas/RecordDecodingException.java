package dev.whence.schemas;

import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that cannot be decoded into a Whence record, with a {@link Reason} a caller can act on (for
 * example, route the input to the dead-letter topic under {@code reason().name()}).
 *
 * <p>Every failure of {@link AvroSerde#decode(byte[])} surfaces as this exception: hostile or
 * corrupted input never escapes as an index, end-of-file, negative-size or out-of-memory error.
 */
public final class RecordDecodingException extends SerializationException {

  private static final long serialVersionUID = 1L;

  /** Why the bytes were refused. */
  public enum Reason {
    /** The bytes do not start with the single-object marker {@code C3 01}. */
    NOT_SINGLE_OBJECT,
    /** The writer schema fingerprint is not one of the schemas this reader knows. */
    UNKNOWN_FINGERPRINT,
    /** The bytes end before the header or the body is complete. */
    TRUNCATED,
    /** The body does not follow the writer schema (bad lengths, indexes, numbers, extra bytes). */
    MALFORMED
  }

  private final Reason reason;
  private final String recordType;

  /**
   * Creates the exception; the message reads {@code cannot decode <recordType>: <detail>}.
   *
   * @param reason why the bytes were refused
   * @param recordType simple name of the record type that was expected (Event, Node, ...)
   * @param detail what exactly was wrong, naming offsets, lengths or fingerprints
   * @param cause the underlying Avro or I/O failure, or null
   */
  public RecordDecodingException(Reason reason, String recordType, String detail, Throwable cause) {
    super("cannot decode " + recordType + ": " + detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.recordType = Objects.requireNonNull(recordType, "recordType");
  }

  /** Why the bytes were refused. */
  public Reason reason() {
    return reason;
  }

  /** Simple name of the record type that was expected. */
  public String recordType() {
    return recordType;
  }
}
