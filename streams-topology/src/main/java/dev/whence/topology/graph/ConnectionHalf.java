package dev.whence.topology.graph;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One end of a network connection as Linux audit reports it, bound for the stitcher. A CLIENT half
 * (connect) knows the server endpoint it connected to, never its own address or ephemeral port. A
 * SERVER half (accept) knows the peer (client) address and port, and its own listening endpoint
 * only from the bind it saw earlier; the bound address may be a wildcard.
 *
 * @param side which end this is
 * @param host host of the event
 * @param eventId id of the connect or accept event
 * @param sequence source sequence of the event
 * @param timestampNanos event time
 * @param protocol transport protocol in lower case, or null when the source did not say
 * @param serviceAddress canonical server address: connected-to (client), bound (server; null or a
 *     wildcard when bound to every address)
 * @param servicePort server port
 * @param peerAddress canonical client address (server half only), else null
 * @param peerPort client port (server half only), else null
 * @param flowNode the flow (or socket) node the host's own graph used for the connection
 * @param processNode the process node that connected or accepted
 * @param pid pid of that process
 * @param exe its executable, or null; untrusted
 * @param cmdline its command line (at most {@value #MAX_TEXT} characters), or null; untrusted
 * @param uid its real user id, or null
 */
public record ConnectionHalf(
    Side side,
    String host,
    String eventId,
    long sequence,
    long timestampNanos,
    String protocol,
    String serviceAddress,
    int servicePort,
    String peerAddress,
    Integer peerPort,
    String flowNode,
    String processNode,
    int pid,
    String exe,
    String cmdline,
    Long uid) {

  /** Longest executable path or command line a half carries. */
  public static final int MAX_TEXT = 4096;

  /** Which end of the connection. */
  public enum Side {
    CLIENT,
    SERVER
  }

  /** Normalizes the protocol: lower case, null when unknown ({@code ip} means unknown). */
  public ConnectionHalf {
    protocol =
        protocol == null || protocol.isBlank() || protocol.equalsIgnoreCase("ip")
            ? null
            : protocol.strip().toLowerCase(Locale.ROOT);
    exe = clip(exe);
    cmdline = clip(cmdline);
  }

  private static String clip(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }

  /** The repartition key: halves of connections to one server port meet in one task. */
  public String serviceKey() {
    return Integer.toString(servicePort);
  }

  /** The serde of halves on the internal repartition topic (a private binary format). */
  public static Serde<ConnectionHalf> serde() {
    return Serdes.serdeFrom(new HalfSerializer(), new HalfDeserializer());
  }

  /** Encodes this half. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(192);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(2);
      out.writeByte(side.ordinal());
      out.writeUTF(host);
      out.writeUTF(eventId);
      out.writeLong(sequence);
      out.writeLong(timestampNanos);
      writeNullable(out, protocol);
      writeNullable(out, serviceAddress);
      out.writeInt(servicePort);
      writeNullable(out, peerAddress);
      out.writeInt(peerPort == null ? -1 : peerPort);
      out.writeUTF(flowNode);
      out.writeUTF(processNode);
      out.writeInt(pid);
      writeNullable(out, exe);
      writeNullable(out, cmdline);
      out.writeLong(uid == null ? -1 : uid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Decodes a half written by {@link #encode()}. */
  public static ConnectionHalf decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int version = in.readByte();
      if (version != 1 && version != 2) {
        throw new SerializationException("unknown connection-half format " + version);
      }
      Side side = Side.values()[in.readByte()];
      String host = in.readUTF();
      String eventId = in.readUTF();
      long sequence = in.readLong();
      long time = in.readLong();
      String protocol = readNullable(in);
      String serviceAddress = readNullable(in);
      int servicePort = in.readInt();
      String peerAddress = readNullable(in);
      int peerPort = in.readInt();
      return new ConnectionHalf(
          side,
          host,
          eventId,
          sequence,
          time,
          protocol,
          serviceAddress,
          servicePort,
          peerAddress,
          peerPort < 0 ? null : peerPort,
          in.readUTF(),
          in.readUTF(),
          version >= 2 ? in.readInt() : 0,
          version >= 2 ? readNullable(in) : null,
          version >= 2 ? readNullable(in) : null,
          version >= 2 ? nonNegative(in.readLong()) : null);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("unreadable connection half: " + e.getMessage(), e);
    }
  }

  private static Long nonNegative(long value) {
    return value < 0 ? null : value;
  }

  private static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static final class HalfSerializer implements Serializer<ConnectionHalf> {
    @Override
    public byte[] serialize(String topic, ConnectionHalf half) {
      return half == null ? null : half.encode();
    }
  }

  private static final class HalfDeserializer implements Deserializer<ConnectionHalf> {
    @Override
    public ConnectionHalf deserialize(String topic, byte[] data) {
      return data == null ? null : decode(data);
    }
  }
}
