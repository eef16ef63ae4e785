package dev.whence.schemas;

import static dev.whence.schemas.WireValues.readNullableLong;
import static dev.whence.schemas.WireValues.readNullableString;
import static dev.whence.schemas.WireValues.writeNullableLong;
import static dev.whence.schemas.WireValues.writeNullableString;

import dev.whence.avro.Event;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import java.io.IOException;

/**
 * Hand-written codec of {@link Event} (with its {@code Subject} and {@code EventObject}s) for the
 * schema whose fingerprint is {@link #SCHEMA_FINGERPRINT}.
 */
final class EventCodec implements RecordCodec<Event> {

  /** Fingerprint of the Event schema this codec follows; update the codec when it changes. */
  static final long SCHEMA_FINGERPRINT = 0xa99ae7bf631efd2cL;

  static final EventCodec INSTANCE = new EventCodec(true);

  /**
   * Decodes every field but {@code raw}, which it checks and skips, leaving the event's map empty:
   * for readers that never look at it ({@link AvroSerde#eventsWithoutRaw()}).
   */
  static final EventCodec WITHOUT_RAW = new EventCodec(false);

  private static final SourceKind[] SOURCES = SourceKind.values();
  private static final Operation[] OPERATIONS = Operation.values();

  private final boolean readsRaw;

  private EventCodec(boolean readsRaw) {
    this.readsRaw = readsRaw;
  }

  @Override
  public long schemaFingerprint() {
    return SCHEMA_FINGERPRINT;
  }

  @Override
  public void encode(Event event, ByteArrayEncoder out) {
    out.writeString(event.getId());
    out.writeString(event.getHost());
    out.writeString(event.getBoot());
    out.writeInt(event.getSource().ordinal());
    out.writeLong(event.getSequence());
    out.writeLong(event.getTimestampNanos());
    out.writeInt(event.getOperation().ordinal());
    writeNullableString(out, event.getAction());
    out.writeBoolean(event.getSuccess());
    writeNullableLong(out, event.getReturnValue());
    writeNullableLong(out, event.getFlags());
    writeNullableLong(out, event.getSize());
    SubjectCodec.encode(event.getSubject(), out);
    EventObjectCodec.encodeNullable(event.getObject1(), out);
    EventObjectCodec.encodeNullable(event.getObject2(), out);
    WireValues.writeStringMap(out, event.getRaw());
  }

  @Override
  public Event decode(ByteArrayDecoder in) throws IOException {
    Event event = new Event();
    event.setId(in.readUniqueString());
    event.setHost(in.readString());
    event.setBoot(in.readString());
    event.setSource(WireValues.readEnum(in, SOURCES));
    event.setSequence(in.readLong());
    event.setTimestampNanos(in.readLong());
    event.setOperation(WireValues.readEnum(in, OPERATIONS));
    event.setAction(readNullableString(in));
    event.setSuccess(in.readBoolean());
    event.setReturnValue(readNullableLong(in));
    event.setFlags(readNullableLong(in));
    event.setSize(readNullableLong(in));
    event.setSubject(SubjectCodec.decode(in));
    event.setObject1(EventObjectCodec.decodeNullable(in));
    event.setObject2(EventObjectCodec.decodeNullable(in));
    event.setRaw(readsRaw ? WireValues.readStringMap(in) : WireValues.passStringMap(in));
    return event;
  }
}
