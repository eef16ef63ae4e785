package dev.whence.graph.detect;

import java.util.regex.Pattern;

/**
 * A path pattern: {@code *} matches within one path segment, {@code **} across segments, {@code ?}
 * one character other than {@code /}, {@code [abc]} one of a set; everything else literally.
 * Compiled to a regular expression without nested quantifiers, so matching an untrusted path costs
 * linear time in practice.
 *
 * @param text the pattern as written
 */
public record Glob(String text, Pattern regex) {

  /** Compiles {@code text}; throws IllegalArgumentException on an unclosed set. */
  public static Glob of(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty glob");
    }
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '*') {
        boolean twice = i + 1 < text.length() && text.charAt(i + 1) == '*';
        re.append(twice ? ".*" : "[^/]*");
        i += twice ? 2 : 1;
        continue;
      }
      if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int end = text.indexOf(']', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed '[' in glob '" + text + "'");
        }
        String set = text.substring(i + 1, end);
        boolean negated = set.startsWith("!");
        re.append('[').append(negated ? "^" : "");
        for (char s : (negated ? set.substring(1) : set).toCharArray()) {
          re.append(s == '-' ? "-" : escapeInSet(s));
        }
        re.append(']');
        i = end;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    return new Glob(text, Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  private static String escapeInSet(char c) {
    return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
  }

  /** Whether the whole of {@code value} matches; false for null. */
  public boolean matches(String value) {
    return value != null && regex.matcher(value).matches();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Glob g && g.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
