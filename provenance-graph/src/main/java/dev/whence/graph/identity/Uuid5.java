package dev.whence.graph.identity;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Name-based UUIDs, version 5 (SHA-1), as RFC 4122 section 4.3 defines them. */
public final class Uuid5 {
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private Uuid5() {}

  /** The version-5 UUID of {@code name} (UTF-8) in {@code namespace}. */
  public static UUID of(UUID namespace, String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    return of(namespace, utf8, 0, utf8.length);
  }

  /** The version-5 UUID of the name whose bytes are {@code name[offset, offset + length)}. */
  public static UUID of(UUID namespace, byte[] name, int offset, int length) {
    Scratch s = SCRATCH.get();
    MessageDigest digest = s.sha1;
    digest.reset();
    toBytes(namespace, s.namespace);
    digest.update(s.namespace);
    digest.update(name, offset, length);
    byte[] hash = s.hash;
    try {
      digest.digest(hash, 0, hash.length);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-1 digest does not fit 20 bytes", e);
    }
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

  /** A thread's digest and buffers; the digest copies what it is given, so they are reused. */
  private static final class Scratch {
    final MessageDigest sha1 = sha1();
    final byte[] namespace = new byte[16];
    final byte[] hash = new byte[20];
  }

  private static void toBytes(UUID uuid, byte[] out) {
    long msb = uuid.getMostSignificantBits();
    long lsb = uuid.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (msb >>> (56 - 8 * i));
      out[i + 8] = (byte) (lsb >>> (56 - 8 * i));
    }
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
