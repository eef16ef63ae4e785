package dev.whence.topology.decode;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.SourceKind;
import dev.whence.schemas.AvroSerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Decodes the raw values of {@code whence.events} inside the topology, so that a record nobody can
 * read becomes a {@link RejectedInput} with its bytes and reason instead of stopping the stream.
 */
public final class EventDecoder implements FixedKeyProcessor<String, byte[], Decoded> {

  /** Stored bytes of a refused record are cut at this size. */
  static final int MAX_KEPT_BYTES = 1 << 20;

  private final AvroSerde<Event> serde = new AvroSerde<>(Event.class);
  private FixedKeyProcessorContext<String, Decoded> context;

  @Override
  public void init(FixedKeyProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    context.forward(record.withValue(decode(record.key(), record.value(), record.timestamp())));
  }

  private Decoded decode(String key, byte[] bytes, long timestampMillis) {
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
    String origin =
        context
            .recordMetadata()
            .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
            .orElse(null);
    boolean truncated = bytes.length > MAX_KEPT_BYTES;
    byte[] kept = truncated ? Arrays.copyOf(bytes, MAX_KEPT_BYTES) : bytes;
    return new Decoded.Refused(
        RejectedInput.newBuilder()
            .setHost(key == null ? "unknown" : key)
            .setSource(SourceKind.UNKNOWN)
            .setStage("decode")
            .setReasonCode(code)
            .setReason(reason == null ? code : reason)
            .setOrigin(origin)
            .setReceivedNanos(TimeUnit.MILLISECONDS.toNanos(timestampMillis))
            .setBytes(ByteBuffer.wrap(kept))
            .setTruncated(truncated)
            .build());
  }
}
