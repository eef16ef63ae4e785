package dev.whence.schemas;

import dev.whence.avro.Node;
import dev.whence.avro.NodeKind;
import java.io.IOException;

/**
 * Hand-written codec of {@link Node} for the schema whose fingerprint is {@link
 * #SCHEMA_FINGERPRINT}.
 */
final class NodeCodec implements RecordCodec<Node> {

  /** Fingerprint of the Node schema this codec follows; update the codec when it changes. */
  static final long SCHEMA_FINGERPRINT = 0x44116fd7d80eb3adL;

  static final NodeCodec INSTANCE = new NodeCodec();

  private static final NodeKind[] KINDS = NodeKind.values();

  private NodeCodec() {}

  @Override
  public long schemaFingerprint() {
    return SCHEMA_FINGERPRINT;
  }

  @Override
  public void encode(Node node, ByteArrayEncoder out) {
    out.writeString(node.getId());
    out.writeString(node.getEntityId());
    out.writeInt(node.getKind().ordinal());
    out.writeString(node.getHost());
    out.writeInt(node.getVersion());
    WireValues.writeNullableString(out, node.getName());
    out.writeLong(node.getFirstSeenNanos());
    out.writeLong(node.getLastSeenNanos());
    WireValues.writeStringMap(out, node.getAttributes());
  }

  @Override
  public Node decode(ByteArrayDecoder in) throws IOException {
    Node node = new Node();
    node.setId(in.readUniqueString());
    node.setEntityId(in.readString());
    node.setKind(WireValues.readEnum(in, KINDS));
    node.setHost(in.readString());
    node.setVersion(in.readInt());
    node.setName(WireValues.readNullableString(in));
    node.setFirstSeenNanos(in.readLong());
    node.setLastSeenNanos(in.readLong());
    node.setAttributes(WireValues.readStringMap(in));
    return node;
  }
}
