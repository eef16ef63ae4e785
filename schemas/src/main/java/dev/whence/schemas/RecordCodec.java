package dev.whence.schemas;

import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;

/**
 * A hand-written Avro binary codec for one generated record type, valid only for the exact schema
 * it was written for: {@link #schemaFingerprint()}. It writes the same bytes as Avro's writer and
 * reads them into the same record as Avro's reader, without Avro's per-field dispatch.
 */
interface RecordCodec<T extends SpecificRecord> {

  /** CRC-64-AVRO fingerprint of the schema this codec was written for. */
  long schemaFingerprint();

  /**
   * Writes the body of {@code value}.
   *
   * @throws NullPointerException if a required field is null
   */
  void encode(T value, ByteArrayEncoder out);

  /** Reads one body; every length and count is bounded by the bytes that remain in {@code in}. */
  T decode(ByteArrayDecoder in) throws IOException;
}
