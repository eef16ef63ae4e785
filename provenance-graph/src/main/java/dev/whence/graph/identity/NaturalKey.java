package dev.whence.graph.identity;

/**
 * An unambiguous text encoding of a natural key: a type tag followed by length-prefixed parts, so
 * that no hostile value (a path with separators or NUL bytes) can make two keys collide.
 */
public final class NaturalKey {
  private NaturalKey() {}

  /** Encodes {@code type} and {@code parts}; a null part is encoded distinctly from any string. */
  public static String of(String type, Object... parts) {
    int capacity = type.length();
    for (Object part : parts) {
      capacity += part instanceof String text ? text.length() + 8 : 24;
    }
    StringBuilder out = new StringBuilder(capacity).append(type);
    for (Object part : parts) {
      if (part instanceof Integer n) {
        appendPart(out, n.longValue());
      } else if (part instanceof Long n) {
        appendPart(out, n.longValue());
      } else {
        appendPart(out, part == null ? null : String.valueOf(part));
      }
    }
    return out.toString();
  }

  /** Length of the decimal text of {@code v}, sign included. */
  static int digits(long v) {
    if (v == Long.MIN_VALUE) {
      return 20;
    }
    int length = v < 0 ? 2 : 1;
    for (long x = Math.abs(v); x >= 10; x /= 10) {
      length++;
    }
    return length;
  }

  /** Appends the encoding of one text part, as {@link #of} encodes it. */
  public static StringBuilder appendPart(StringBuilder out, String part) {
    return part == null
        ? out.append("|-")
        : out.append('|').append(part.length()).append(':').append(part);
  }

  /** Appends the encoding of one number part, as {@link #of} encodes it. */
  public static StringBuilder appendPart(StringBuilder out, long part) {
    return out.append('|').append(digits(part)).append(':').append(part);
  }
}
