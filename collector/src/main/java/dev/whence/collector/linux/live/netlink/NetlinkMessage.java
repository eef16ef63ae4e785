package dev.whence.collector.linux.live.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One netlink message: the 16-byte {@code struct nlmsghdr} (length, type, flags, sequence, port id,
 * in host byte order) and its payload.
 *
 * @param type message type (NLMSG_ERROR, AUDIT_GET, or an audit record type such as 1300)
 * @param flags NLM_F_* flags
 * @param sequence sequence number chosen by the requester
 * @param portId sender's port id (0 for the kernel)
 * @param payload the bytes after the header, without alignment padding
 */
public record NetlinkMessage(int type, int flags, int sequence, int portId, byte[] payload) {

  /** Size of {@code struct nlmsghdr}. */
  public static final int HEADER_LENGTH = 16;

  public static final int NLMSG_NOOP = 1;
  public static final int NLMSG_ERROR = 2;
  public static final int NLMSG_DONE = 3;
  public static final int NLMSG_OVERRUN = 4;
  public static final int NLM_F_REQUEST = 0x1;
  public static final int NLM_F_MULTI = 0x2;
  public static final int NLM_F_ACK = 0x4;

  public NetlinkMessage {
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload as a little-endian buffer positioned at 0 (x86_64 / aarch64 host order). */
  public ByteBuffer payloadBuffer() {
    return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
  }

  /** Encodes header and payload, padded to a multiple of 4 bytes as NLMSG_ALIGN requires. */
  public byte[] encode() {
    int length = HEADER_LENGTH + payload.length;
    ByteBuffer out = ByteBuffer.allocate(align(length)).order(ByteOrder.nativeOrder());
    out.putInt(length).putShort((short) type).putShort((short) flags);
    out.putInt(sequence).putInt(portId).put(payload);
    return out.array();
  }

  /**
   * Decodes the first message of a received datagram. The kernel sends each audit record in its own
   * datagram and, for records, sets {@code nlmsg_len} to the payload length only; so when the
   * header's length does not describe the datagram, the datagram's size is taken.
   *
   * @throws IllegalArgumentException when the datagram is shorter than a header
   */
  public static NetlinkMessage decode(byte[] datagram, int length) {
    if (length < HEADER_LENGTH) {
      throw new IllegalArgumentException(
          "netlink datagram of " + length + " bytes is shorter than a header");
    }
    ByteBuffer in = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
    int declared = in.getInt();
    int type = Short.toUnsignedInt(in.getShort());
    int flags = Short.toUnsignedInt(in.getShort());
    int sequence = in.getInt();
    int portId = in.getInt();
    int payloadLength;
    if (AuditRecordTypes.isRecord(type) && declared + HEADER_LENGTH == length) {
      payloadLength = declared;
    } else if (declared >= HEADER_LENGTH && declared <= length) {
      payloadLength = declared - HEADER_LENGTH;
    } else {
      payloadLength = length - HEADER_LENGTH;
    }
    return new NetlinkMessage(
        type,
        flags,
        sequence,
        portId,
        Arrays.copyOfRange(datagram, HEADER_LENGTH, HEADER_LENGTH + payloadLength));
  }

  /**
   * For an NLMSG_ERROR message, the negated errno it carries (0 is an acknowledgement).
   *
   * @throws IllegalStateException for any other type or a truncated error payload
   */
  public int errorCode() {
    if (type != NLMSG_ERROR || payload.length < 4) {
      throw new IllegalStateException("not a netlink error message: type " + type);
    }
    return payloadBuffer().getInt(0);
  }

  static int align(int length) {
    return (length + 3) & ~3;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NetlinkMessage m
        && type == m.type
        && flags == m.flags
        && sequence == m.sequence
        && portId == m.portId
        && Arrays.equals(payload, m.payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * type + sequence) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "NetlinkMessage[type="
        + type
        + ", flags="
        + flags
        + ", seq="
        + sequence
        + ", portId="
        + portId
        + ", payload="
        + payload.length
        + " bytes]";
  }
}
