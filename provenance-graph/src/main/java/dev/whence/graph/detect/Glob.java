package dev.whence.graph.detect;

import java.util.regex.Pattern;

/**
 * A path pattern: {@code *} matches within one path segment, {@code **} across segments, {@code ?}
 * one character other than {@code /}, {@code [abc]} one of a set; everything else literally.
 * Compiled to a regular expression without nested quantifiers, so matching an untrusted path costs
 * linear time in practice. A pattern without wildcards is compared as text; the usual rule shapes
 * {@code **}{@code /name} and {@code **}{@code /name*} (a file name, or its start, in any folder)
 * are answered without the regular expression; otherwise a value that lacks the pattern's literal
 * start or end is refused before the regular expression runs.
 */
public final class Glob {

  private static final String WILDCARDS = "*?[";

  private final String text;
  private final Pattern regex;
  private final String literalPrefix;
  private final String literalSuffix;
  private final boolean literal;

  /** For {@code **}{@code /name}: {@code /name}; for {@code **}{@code /name*}: {@code name}. */
  private final String lastSegment;

  private final boolean lastSegmentIsPrefix;

  private Glob(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
    int first = firstWildcard(text);
    this.literal = first < 0;
    this.literalPrefix = literal ? text : text.substring(0, first);
    this.literalSuffix = literal ? text : text.substring(lastWildcard(text) + 1);
    String rest = text.startsWith("**/") ? text.substring(3) : null;
    if (rest != null && firstWildcard(rest) < 0) {
      this.lastSegment = "/" + rest;
      this.lastSegmentIsPrefix = false;
    } else if (rest != null
        && rest.endsWith("*")
        && firstWildcard(rest) == rest.length() - 1
        && rest.indexOf('/') < 0) {
      this.lastSegment = rest.substring(0, rest.length() - 1);
      this.lastSegmentIsPrefix = true;
    } else {
      this.lastSegment = null;
      this.lastSegmentIsPrefix = false;
    }
  }

  /** The pattern as written. */
  public String text() {
    return text;
  }

  /** The compiled regular expression. */
  public Pattern regex() {
    return regex;
  }

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
    if (value == null) {
      return false;
    }
    if (literal) {
      return value.equals(text);
    }
    if (lastSegment != null) {
      if (!lastSegmentIsPrefix) {
        return value.endsWith(lastSegment);
      }
      int slash = value.lastIndexOf('/');
      return slash >= 0 && value.startsWith(lastSegment, slash + 1);
    }
    return value.startsWith(literalPrefix)
        && value.endsWith(literalSuffix)
        && regex.matcher(value).matches();
  }

  private static int firstWildcard(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (WILDCARDS.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the last character that belongs to a wildcard (a set's closing bracket). */
  private static int lastWildcard(String text) {
    for (int i = text.length() - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == ']' && text.lastIndexOf('[', i) >= 0) {
        return i;
      }
    }
    return -1;
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
