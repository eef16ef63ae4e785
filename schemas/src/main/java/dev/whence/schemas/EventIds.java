package dev.whence.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Event ids: name-based UUIDs (version 5, SHA-1) of (host, boot, sequence), so a replay, a
 * restarted collector or a second topology instance computes the same id for the same event.
 */
public final class EventIds {

  /** Namespace of Whence event ids (a fixed random UUID). */
  public static final UUID NAMESPACE = UUID.fromString("6f1c1c1e-3b7a-4c52-9a0e-8f4b2f7d9e10");

  private EventIds() {}

  /** The id of the event with this source sequence on this host and boot. */
  public static String of(String host, String boot, long sequence) {
    return nameUuid(NAMESPACE, host + '\u0000' + boot + '\u0000' + sequence).toString();
  }

  /** A version-5 UUID of {@code name} (UTF-8) in {@code namespace}, as RFC 4122 defines it. */
  public static UUID nameUuid(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
    sha1.update(toBytes(namespace));
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (hash[i] & 0xff);
      lsb = (lsb << 8) | (hash[i + 8] & 0xff);
    }
    return new UUID(msb, lsb);
  }

  private static byte[] toBytes(UUID uuid) {
    byte[] out = new byte[16];
    long msb = uuid.getMostSignificantBits();
    long lsb = uuid.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (msb >>> (56 - 8 * i));
      out[i + 8] = (byte) (lsb >>> (56 - 8 * i));
    }
    return out;
  }
}
