package dev.whence.topology.decode;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.SourceKind;
import dev.whence.schemas.AvroSerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes the raw records of {@code whence.events} inside the topology, so that a record nobody can
 * read becomes a {@link RejectedInput} with its bytes and reason instead of stopping the stream.
 * One per task: not thread-safe.
 */
public final class EventDecoder {

  /** Stored bytes of a refused record are cut at this size. */
  static final int MAX_KEPT_BYTES = 1 << 20;

  /** The topology never reads an event's {@code raw} map: it is checked but not decoded. */
  private final AvroSerde<Event> serde = AvroSerde.eventsWithoutRaw();

  private final Supplier<String> origin;

  /**
   * A decoder whose refusals name where the current record came from ({@code
   * topic-partition@offset} or null), asked of {@code origin} only when a record is refused.
   */
  public EventDecoder(Supplier<String> origin) {
    this.origin = origin;
  }

  /**
   * Decodes the value of one record keyed {@code key}: the event, or the refusal when the value is
   * missing, is not an event, or is an event of another host than the key names.
   */
  public Decoded decode(String key, byte[] bytes, long timestampMillis) {
    if (bytes == null) {
      return refuse(key, new byte[0], timestampMillis, "NULL_VALUE", "record has no value");
    }
    try {
      Event event = serde.decode(bytes);
      if (key != null && !key.equals(event.getHost())) {
        return refuse(
            key,
            bytes,
            timestampMillis,
            "KEY_MISMATCH",
            "record key '" + key + "' is not the event's host '" + event.getHost() + "'");
      }
      return new Decoded.Accepted(event);
    } catch (SerializationException e) {
      return refuse(key, bytes, timestampMillis, "UNDECODABLE", e.getMessage());
    }
  }

  private Decoded refuse(
      String key, byte[] bytes, long timestampMillis, String code, String reason) {
    boolean truncated = bytes.length > MAX_KEPT_BYTES;
    byte[] kept = truncated ? Arrays.copyOf(bytes, MAX_KEPT_BYTES) : bytes;
    return new Decoded.Refused(
        RejectedInput.newBuilder()
            .setHost(key == null ? "unknown" : key)
            .setSource(SourceKind.UNKNOWN)
            .setStage("decode")
            .setReasonCode(code)
            .setReason(reason == null ? code : reason)
            .setOrigin(origin.get())
            .setReceivedNanos(TimeUnit.MILLISECONDS.toNanos(timestampMillis))
            .setBytes(ByteBuffer.wrap(kept))
            .setTruncated(truncated)
            .build());
  }
}
