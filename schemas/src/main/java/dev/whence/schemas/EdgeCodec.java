package dev.whence.schemas;

import dev.whence.avro.Edge;
import dev.whence.avro.Operation;
import java.io.IOException;

/**
 * Hand-written codec of {@link Edge} for the schema whose fingerprint is {@link
 * #SCHEMA_FINGERPRINT}.
 */
final class EdgeCodec implements RecordCodec<Edge> {

  /** Fingerprint of the Edge schema this codec follows; update the codec when it changes. */
  static final long SCHEMA_FINGERPRINT = 0xea2ba80229bd3a5eL;

  static final EdgeCodec INSTANCE = new EdgeCodec();

  private static final Operation[] OPERATIONS = Operation.values();

  private EdgeCodec() {}

  @Override
  public long schemaFingerprint() {
    return SCHEMA_FINGERPRINT;
  }

  @Override
  public void encode(Edge edge, ByteArrayEncoder out) {
    out.writeString(edge.getId());
    out.writeString(edge.getEventId());
    out.writeString(edge.getHost());
    out.writeInt(edge.getOperation().ordinal());
    out.writeString(edge.getSourceNode());
    out.writeString(edge.getTargetNode());
    WireValues.writeNullableString(out, edge.getActorNode());
    out.writeLong(edge.getTimestampNanos());
    out.writeLong(edge.getSequence());
    WireValues.writeStringMap(out, edge.getAttributes());
  }

  @Override
  public Edge decode(ByteArrayDecoder in) throws IOException {
    Edge edge = new Edge();
    edge.setId(in.readUniqueString());
    edge.setEventId(in.readUniqueString());
    edge.setHost(in.readString());
    edge.setOperation(WireValues.readEnum(in, OPERATIONS));
    edge.setSourceNode(in.readString());
    edge.setTargetNode(in.readString());
    edge.setActorNode(WireValues.readNullableString(in));
    edge.setTimestampNanos(in.readLong());
    edge.setSequence(in.readLong());
    edge.setAttributes(WireValues.readStringMap(in));
    return edge;
  }
}
