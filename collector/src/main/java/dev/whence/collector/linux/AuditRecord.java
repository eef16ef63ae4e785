package dev.whence.collector.linux;

import java.nio.charset.StandardCharsets;

/**
 * One parsed Linux audit record (one line): node, type, timestamp, serial and the key=value fields,
 * kept as offsets into the line's bytes so that values are decoded only when asked for.
 *
 * <p>Field values are returned decoded: quotes removed, hex-encoded strings (proctitle, name, exe,
 * comm, cwd, EXECVE arguments...) turned back into text. Bytes that are not valid UTF-8 become
 * U+FFFD, so every value is a valid Java string; {@link #rawValue(int)} gives the value exactly as
 * logged.
 */
public final class AuditRecord {

  /** Value was written between double quotes. */
  public static final int QUOTED = 1;

  /** Field came from inside a user-space record's {@code msg='...'}. */
  public static final int NESTED = 2;

  /** Field came after the 0x1D separator of the ENRICHED log format (an interpretation). */
  public static final int ENRICHED = 4;

  /** Value was written between braces (ENRICHED SADDR={ ... }). */
  public static final int BRACED = 8;

  /** A word without '=' (free text of AVC and similar records); its key is empty. */
  public static final int BARE = 16;

  /** Value is a hex encoding of the real string. */
  public static final int HEX = 32;

  /** The value of {@code msg='...'} itself (its content is also split into NESTED fields). */
  public static final int SINGLE_QUOTED = 64;

  static final int STRIDE = 3;

  /**
   * Bits of the third slot of a field that hold its flags; the key code is stored above them, and
   * the index of the key in the record's name table above that.
   */
  static final int FLAG_BITS = 0xff;

  static final int CODE_SHIFT = 8;

  static final int CODE_BITS = 0xff;

  static final int NAME_SHIFT = 16;

  /** Largest index of a key in a name table. */
  static final int MAX_NAME = 0xffff;

  private final byte[] line;
  private final String node;
  private final String type;
  private final int typeNumber;
  private final long seconds;
  private final int millis;
  private final long serial;
  private final int[] fields;
  private final int fieldCount;
  private final String[] names;
  private byte nonAscii = -1;

  AuditRecord(
      byte[] line,
      String node,
      String type,
      int typeNumber,
      long seconds,
      int millis,
      long serial,
      int[] fields,
      int fieldCount,
      String[] names) {
    this.line = line;
    this.node = node;
    this.type = type;
    this.typeNumber = typeNumber;
    this.seconds = seconds;
    this.millis = millis;
    this.serial = serial;
    this.fields = fields;
    this.fieldCount = fieldCount;
    this.names = names;
  }

  /** The line's bytes, without the line terminator. Do not modify. */
  public byte[] line() {
    return line;
  }

  /** Whether the line holds any byte above 0x7f (then values may not be valid UTF-8). */
  public boolean hasNonAscii() {
    if (nonAscii < 0) {
      nonAscii = (byte) (Swar.hasNonAscii(line, 0, line.length) ? 1 : 0);
    }
    return nonAscii == 1;
  }

  /** The {@code node=} prefix, or null when the line had none. */
  public String node() {
    return node;
  }

  /** Record type name (SYSCALL, PATH, USER_LOGIN; UNKNOWN[1334] as written). */
  public String type() {
    return type;
  }

  /** Record type number, or -1 when the name is not in {@link AuditRecordTypes}. */
  public int typeNumber() {
    return typeNumber;
  }

  /** Seconds part of the timestamp. */
  public long seconds() {
    return seconds;
  }

  /** Milliseconds part of the timestamp. */
  public int millis() {
    return millis;
  }

  /** Timestamp in nanoseconds since the epoch. */
  public long timestampNanos() {
    return seconds * 1_000_000_000L + millis * 1_000_000L;
  }

  /** The audit serial (event number), an unsigned 32-bit value. */
  public long serial() {
    return serial;
  }

  /** Number of fields, nested and enriched ones included. */
  public int fieldCount() {
    return fieldCount;
  }

  /** Field key (empty for a BARE word); ENRICHED keys are upper case as logged. */
  public String key(int i) {
    return names[fields[i * STRIDE + 2] >>> NAME_SHIFT];
  }

  /**
   * The table that {@link #keyIndex(int)} indexes: fields of records with the same table and the
   * same key index have the same key.
   */
  public Object keyTable() {
    return names;
  }

  /** The index of field {@code i}'s key in {@link #keyTable()} (small for common keys). */
  public int keyIndex(int i) {
    return fields[i * STRIDE + 2] >>> NAME_SHIFT;
  }

  /**
   * The {@link AuditFieldKeys} code of field {@code i}'s key ({@link AuditFieldKeys#OTHER} if
   * none).
   */
  public int keyCode(int i) {
    return (fields[i * STRIDE + 2] >>> CODE_SHIFT) & CODE_BITS;
  }

  /** Flags of field {@code i} (QUOTED, NESTED, ENRICHED, BRACED, BARE, HEX, SINGLE_QUOTED). */
  public int flags(int i) {
    return fields[i * STRIDE + 2] & FLAG_BITS;
  }

  /** Whether field {@code i} has flag {@code flag}. */
  public boolean has(int i, int flag) {
    return (fields[i * STRIDE + 2] & flag) != 0;
  }

  /** Index of the first non-enriched field named {@code key}, or -1. */
  public int indexOf(String key) {
    for (int i = 0; i < fieldCount; i++) {
      if ((fields[i * STRIDE + 2] & ENRICHED) == 0 && key(i).equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the ENRICHED field named {@code key} (upper case), or -1. */
  public int indexOfEnriched(String key) {
    for (int i = 0; i < fieldCount; i++) {
      if ((fields[i * STRIDE + 2] & ENRICHED) != 0 && key(i).equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** Decoded value of the first non-enriched field {@code key}, or null when absent. */
  public String value(String key) {
    int i = indexOf(key);
    return i < 0 ? null : value(i);
  }

  /** Decoded value of field {@code i}: unquoted and hex-decoded when it was hex-encoded. */
  public String value(int i) {
    int base = i * STRIDE;
    int start = fields[base];
    int len = fields[base + 1];
    if ((fields[base + 2] & HEX) != 0) {
      return Hex.decodeToString(line, start, len);
    }
    return Text.decode(line, start, len);
  }

  /** Decoded bytes of a hex-encoded field, else the value's bytes as logged. */
  public byte[] valueBytes(int i) {
    int base = i * STRIDE;
    int start = fields[base];
    int len = fields[base + 1];
    if ((fields[base + 2] & HEX) != 0) {
      return Hex.decode(line, start, len);
    }
    byte[] out = new byte[len];
    System.arraycopy(line, start, out, 0, len);
    return out;
  }

  /** The value exactly as logged, without its quotes. */
  public String rawValue(int i) {
    int base = i * STRIDE;
    return new String(line, fields[base], fields[base + 1], StandardCharsets.ISO_8859_1);
  }

  /** Whether the value is one of the audit placeholders (null), (none) or ?. */
  public boolean isPlaceholder(int i) {
    int base = i * STRIDE;
    if ((fields[base + 2] & (QUOTED | HEX)) != 0) {
      return false;
    }
    int start = fields[base];
    int len = fields[base + 1];
    if (len == 1) {
      return line[start] == '?';
    }
    if (len == 6) {
      return line[start] == '('
          && line[start + 5] == ')'
          && (matches(start + 1, "null") || matches(start + 1, "none"));
    }
    return len == 0;
  }

  private boolean matches(int at, String ascii) {
    for (int k = 0; k < ascii.length(); k++) {
      if (line[at + k] != ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value read as a decimal number (a leading '-' allowed), or {@code fallback} when it is not
   * one or does not fit a long.
   */
  public long decimal(int i, long fallback) {
    int base = i * STRIDE;
    return Numbers.parseDecimal(line, fields[base], fields[base + 1], fallback);
  }

  /** The value read as an unsigned hex number (syscall arguments), or {@code fallback}. */
  public long hex(int i, long fallback) {
    int base = i * STRIDE;
    return Numbers.parseHex(line, fields[base], fields[base + 1], fallback);
  }

  /** Start offset of field {@code i}'s value in {@link #line()}. */
  public int valueStart(int i) {
    return fields[i * STRIDE];
  }

  /** Length of field {@code i}'s value in {@link #line()}. */
  public int valueLength(int i) {
    return fields[i * STRIDE + 1];
  }

  /** Whether field {@code i}'s logged value equals the ASCII text {@code ascii}. */
  public boolean valueEquals(int i, String ascii) {
    int base = i * STRIDE;
    int len = fields[base + 1];
    return len == ascii.length() && matches(fields[base], ascii);
  }

  @Override
  public String toString() {
    return new String(line, StandardCharsets.UTF_8);
  }
}
