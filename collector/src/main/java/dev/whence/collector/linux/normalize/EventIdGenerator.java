package dev.whence.collector.linux.normalize;

import dev.whence.schemas.EventIds;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Computes exactly {@link EventIds#of(String, String, long)}, faster for a run of events of one
 * host and boot: the SHA-1 state after the namespace, host and boot is kept and cloned per event.
 * Not thread-safe.
 */
final class EventIdGenerator {

  /**
   * Below this many bytes of namespace, host and boot, hashing them again for each event costs no
   * more SHA-1 blocks than cloning a digest that has absorbed them, and allocates nothing.
   */
  private static final int SHORT_PREFIX = 64;

  private String host;
  private String boot;
  private MessageDigest prefix;
  private final boolean cloneable;
  private final byte[] digits = new byte[20];
  private final byte[] hash = new byte[20];

  /** Prefix and sequence digits of a short prefix, hashed with one update. */
  private final byte[] input = new byte[SHORT_PREFIX + 20];

  private final MessageDigest reused = sha1();
  private byte[] prefixBytes;

  EventIdGenerator() {
    boolean ok;
    try {
      sha1().clone();
      ok = true;
    } catch (CloneNotSupportedException e) {
      ok = false;
    }
    cloneable = ok;
  }

  /** The id of the event with this sequence on this host and boot. */
  String of(String host, String boot, long sequence) {
    if (!cloneable) {
      return EventIds.of(host, boot, sequence);
    }
    if (!host.equals(this.host) || !boot.equals(this.boot)) {
      MessageDigest d = sha1();
      UUID ns = EventIds.NAMESPACE;
      d.update(bytes(ns.getMostSignificantBits()));
      d.update(bytes(ns.getLeastSignificantBits()));
      byte[] names = (host + '\u0000' + boot + '\u0000').getBytes(StandardCharsets.UTF_8);
      d.update(names);
      this.host = host;
      this.boot = boot;
      this.prefix = d;
      this.prefixBytes = new byte[16 + names.length];
      System.arraycopy(bytes(ns.getMostSignificantBits()), 0, prefixBytes, 0, 8);
      System.arraycopy(bytes(ns.getLeastSignificantBits()), 0, prefixBytes, 8, 8);
      System.arraycopy(names, 0, prefixBytes, 16, names.length);
    }
    MessageDigest d;
    if (prefixBytes.length < SHORT_PREFIX) {
      d = reused;
      int n = prefixBytes.length;
      System.arraycopy(prefixBytes, 0, input, 0, n);
      n += decimal(sequence);
      System.arraycopy(digits, 0, input, prefixBytes.length, n - prefixBytes.length);
      d.update(input, 0, n);
    } else {
      try {
        d = (MessageDigest) prefix.clone();
      } catch (CloneNotSupportedException e) {
        return EventIds.of(host, boot, sequence);
      }
      d.update(digits, 0, decimal(sequence));
    }
    byte[] hash = this.hash;
    try {
      d.digest(hash, 0, hash.length);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-1 digest of 20 bytes refused", e);
    }
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (hash[i] & 0xff);
      lsb = (lsb << 8) | (hash[i + 8] & 0xff);
    }
    return new UUID(msb, lsb).toString();
  }

  /** Writes {@code v} in decimal to the start of {@link #digits}, as Long.toString would. */
  private int decimal(long v) {
    if (v < 0) {
      byte[] ascii = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(ascii, 0, digits, 0, ascii.length);
      return ascii.length;
    }
    int n = 1;
    for (long rest = v / 10; rest != 0; rest /= 10) {
      n++;
    }
    long rest = v;
    for (int i = n - 1; i >= 0; i--) {
      digits[i] = (byte) ('0' + (int) (rest % 10));
      rest /= 10;
    }
    return n;
  }

  private static byte[] bytes(long v) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (v >>> (56 - 8 * i));
    }
    return out;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
