package dev.whence.collector.publish;

import java.nio.ByteBuffer;

/**
 * How the publisher stores a record in the spool's value: {@code [byte format][byte route][long
 * run][long ticket][long position][record value]}. The run id tells records of this publisher
 * (whose tickets and positions still matter) from those a previous process left.
 */
record SpoolEnvelope(Route route, long run, long ticket, long position, byte[] value) {

  private static final byte FORMAT = 1;
  private static final int HEADER = 2 + 3 * Long.BYTES;

  /** Topic a spooled record goes to. */
  enum Route {
    EVENTS,
    DLQ
  }

  byte[] encode() {
    return ByteBuffer.allocate(HEADER + value.length)
        .put(FORMAT)
        .put((byte) route.ordinal())
        .putLong(run)
        .putLong(ticket)
        .putLong(position)
        .put(value)
        .array();
  }

  static SpoolEnvelope decode(byte[] bytes) {
    if (bytes.length < HEADER || bytes[0] != FORMAT) {
      throw new IllegalArgumentException(
          "not a spooled publisher record: "
              + bytes.length
              + " bytes"
              + (bytes.length > 0 ? ", format byte " + bytes[0] : ""));
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    buffer.get();
    int route = buffer.get();
    if (route < 0 || route >= Route.values().length) {
      throw new IllegalArgumentException("unknown route " + route + " in a spooled record");
    }
    long run = buffer.getLong();
    long ticket = buffer.getLong();
    long position = buffer.getLong();
    byte[] value = new byte[buffer.remaining()];
    buffer.get(value);
    return new SpoolEnvelope(Route.values()[route], run, ticket, position, value);
  }

  /** Spool bytes an envelope around a value of this length takes. */
  static int encodedLength(int valueLength) {
    return HEADER + valueLength;
  }
}
