package dev.whence.schemas;

import dev.whence.avro.Edge;
import dev.whence.avro.Event;
import dev.whence.avro.Node;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The hand-written codecs by record type: {@link Event}, {@link Edge} and {@link Node}. */
final class HandWrittenCodecs {

  private static final List<Entry<?>> CODECS =
      List.of(
          new Entry<>(Event.class, EventCodec.INSTANCE),
          new Entry<>(Edge.class, EdgeCodec.INSTANCE),
          new Entry<>(Node.class, NodeCodec.INSTANCE));

  private HandWrittenCodecs() {}

  /** Every codec with the record type it handles. */
  static List<Entry<?>> all() {
    return CODECS;
  }

  /**
   * The codec of {@code type} if there is one and it was written for the schema whose fingerprint
   * is {@code currentFingerprint}; otherwise null, and Avro's own writer and reader are used.
   */
  @SuppressWarnings("unchecked")
  static <T extends SpecificRecord> RecordCodec<T> forSchema(
      Class<T> type, long currentFingerprint) {
    for (Entry<?> entry : CODECS) {
      if (entry.type() == type && entry.codec().schemaFingerprint() == currentFingerprint) {
        return (RecordCodec<T>) entry.codec();
      }
    }
    return null;
  }

  /** A codec and the record type it handles. */
  record Entry<T extends SpecificRecord>(Class<T> type, RecordCodec<T> codec) {}
}
