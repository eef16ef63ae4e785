package dev.whence.schemas;

import static dev.whence.schemas.WireValues.readNullableInt;
import static dev.whence.schemas.WireValues.readNullableLong;
import static dev.whence.schemas.WireValues.readNullableString;
import static dev.whence.schemas.WireValues.writeNullableInt;
import static dev.whence.schemas.WireValues.writeNullableLong;
import static dev.whence.schemas.WireValues.writeNullableString;

import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import java.io.IOException;

/** The body of an {@link EventObject} nested in an event, field by field in schema order. */
final class EventObjectCodec {

  private static final ObjectKind[] KINDS = ObjectKind.values();

  private EventObjectCodec() {}

  static void encode(EventObject object, ByteArrayEncoder out) {
    out.writeInt(object.getKind().ordinal());
    writeNullableString(out, object.getPath());
    writeNullableLong(out, object.getInode());
    writeNullableString(out, object.getDevice());
    writeNullableInt(out, object.getMode());
    writeNullableLong(out, object.getOwnerUid());
    writeNullableLong(out, object.getOwnerGid());
    writeNullableString(out, object.getNameType());
    writeNullableInt(out, object.getFd());
    writeNullableString(out, object.getFamily());
    writeNullableString(out, object.getProtocol());
    writeNullableString(out, object.getLocalAddress());
    writeNullableInt(out, object.getLocalPort());
    writeNullableString(out, object.getRemoteAddress());
    writeNullableInt(out, object.getRemotePort());
    writeNullableInt(out, object.getPid());
    writeNullableLong(out, object.getPrincipalId());
    writeNullableString(out, object.getSourceUuid());
  }

  /** Writes a {@code ["null", EventObject]} union. */
  static void encodeNullable(EventObject object, ByteArrayEncoder out) {
    if (object == null) {
      out.writeInt(0);
    } else {
      out.writeInt(1);
      encode(object, out);
    }
  }

  static EventObject decode(ByteArrayDecoder in) throws IOException {
    EventObject object = new EventObject();
    object.setKind(WireValues.readEnum(in, KINDS));
    object.setPath(readNullableString(in));
    object.setInode(readNullableLong(in));
    object.setDevice(readNullableString(in));
    object.setMode(readNullableInt(in));
    object.setOwnerUid(readNullableLong(in));
    object.setOwnerGid(readNullableLong(in));
    object.setNameType(readNullableString(in));
    object.setFd(readNullableInt(in));
    object.setFamily(readNullableString(in));
    object.setProtocol(readNullableString(in));
    object.setLocalAddress(readNullableString(in));
    object.setLocalPort(readNullableInt(in));
    object.setRemoteAddress(readNullableString(in));
    object.setRemotePort(readNullableInt(in));
    object.setPid(readNullableInt(in));
    object.setPrincipalId(readNullableLong(in));
    object.setSourceUuid(readNullableString(in));
    return object;
  }

  /** Reads a {@code ["null", EventObject]} union. */
  static EventObject decodeNullable(ByteArrayDecoder in) throws IOException {
    return WireValues.readPresent(in) ? decode(in) : null;
  }
}
