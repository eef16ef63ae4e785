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
      if (part == null) {
        out.append("|-");
      } else {
        String text = String.valueOf(part);
        out.append('|').append(text.length()).append(':').append(text);
      }
    }
    return out.toString();
  }
}
