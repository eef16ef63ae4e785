package dev.whence.collector.linux.live.rules;

/**
 * One comparison of an audit rule: field, operator and value; string fields (path, dir, exe, key,
 * LSM labels) carry their text, and their {@code value} is the text's length in bytes.
 *
 * @param field field number ({@link RuleFields})
 * @param operator operator bits ({@link RuleFields#OP_EQUAL} etc.)
 * @param value the 32-bit value as unsigned, or the string's UTF-8 length
 * @param text the string value, or null for a numeric field
 */
public record RuleField(int field, int operator, long value, String text) {

  /** A numeric comparison. */
  public static RuleField numeric(int field, int operator, long value) {
    return new RuleField(field, operator, value & 0xFFFFFFFFL, null);
  }

  /** A string comparison. */
  public static RuleField string(int field, int operator, String text) {
    return new RuleField(
        field, operator, text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, text);
  }

  /** Whether the value is a string. */
  public boolean isString() {
    return text != null;
  }
}
