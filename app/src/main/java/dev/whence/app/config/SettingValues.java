package dev.whence.app.config;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers and checks of setting values. Each throws {@link IllegalArgumentException} with a message
 * that says what is wrong with the value (the caller adds the setting and source).
 */
public final class SettingValues {

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern SIZE = Pattern.compile("(-?\\d+)\\s*([a-zA-Z]*)");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
  private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9][A-Za-z0-9.-]{0,252}):(\\d{1,5})");
  private static final Duration MAX_INTERVAL = Duration.ofDays(1);
  private static final Map<String, Long> SIZE_UNITS =
      Map.ofEntries(
          Map.entry("", 1L),
          Map.entry("b", 1L),
          Map.entry("kb", 1000L),
          Map.entry("mb", 1000L * 1000),
          Map.entry("gb", 1000L * 1000 * 1000),
          Map.entry("tb", 1000L * 1000 * 1000 * 1000),
          Map.entry("k", 1024L),
          Map.entry("m", 1024L * 1024),
          Map.entry("g", 1024L * 1024 * 1024),
          Map.entry("kib", 1024L),
          Map.entry("mib", 1024L * 1024),
          Map.entry("gib", 1024L * 1024 * 1024),
          Map.entry("tib", 1024L * 1024 * 1024 * 1024));

  private SettingValues() {}

  static int port(String text) {
    return integerIn(text, 0, 65535, "a port number", "port ");
  }

  /** A whole number from 1 to {@code max}. */
  static int count(String text, int max) {
    return count(text, 1, max);
  }

  /** A whole number from {@code min} to {@code max}. */
  static int count(String text, int min, int max) {
    return integerIn(text, min, max, "a whole number", "");
  }

  /**
   * The integer {@code text} names, from {@code min} to {@code max}; otherwise fails saying it is
   * not {@code kind}, or that {@code rangeLabel} and the number are out of range.
   */
  private static int integerIn(String text, int min, int max, String kind, String rangeLabel) {
    String t = text.strip();
    if (!INTEGER.matcher(t).matches()) {
      throw new IllegalArgumentException("'" + printable(text) + "' is not " + kind);
    }
    BigInteger value = new BigInteger(t);
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException(
          rangeLabel + printable(t) + " is out of range " + min + ".." + max);
    }
    return value.intValueExact();
  }

  static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
    }
  }

  /** A size in bytes: a number with an optional unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB). */
  static long size(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + printable(text) + "' is not a size (examples: 1048576, 512MiB, 2GB)");
    }
    Long unit = SIZE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
    if (unit == null) {
      throw new IllegalArgumentException(
          "unknown size unit '" + printable(m.group(2)) + "' (use B, KB, MB, GB, KiB, MiB, GiB)");
    }
    BigInteger bytes = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit));
    if (bytes.signum() < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    if (bytes.signum() == 0) {
      throw new IllegalArgumentException("size must be greater than 0");
    }
    if (bytes.bitLength() > 62) {
      throw new IllegalArgumentException("size " + printable(text) + " is too large");
    }
    return bytes.longValueExact();
  }

  /** A positive duration of at most one day: 500ms, 10s, 5m, 1h, or ISO-8601 such as PT10S. */
  public static Duration interval(String text) {
    return duration(text, MAX_INTERVAL);
  }

  /** A positive duration of at most {@code max}: 500ms, 10s, 5m, 1h, 7d, or ISO-8601 (P7D). */
  static Duration duration(String text, Duration max) {
    return duration(text, Duration.ofNanos(1), max);
  }

  /**
   * A duration from {@code min} (positive) to {@code max}: 500ms, 10s, 5m, 1h, 7d, or ISO-8601 such
   * as PT10S or P7D.
   */
  static Duration duration(String text, Duration min, Duration max) {
    String t = text.strip();
    Duration d;
    Matcher m = SHORT_DURATION.matcher(t);
    if (m.matches() && m.group(1).length() <= 9) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    } else {
      try {
        d = Duration.parse(t);
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new IllegalArgumentException(
            "'" + printable(text) + "' is not a duration (examples: 500ms, 10s, 5m, 7d, PT10S)");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("duration must be positive");
    }
    if (d.compareTo(min) < 0) {
      throw new IllegalArgumentException("duration must be at least " + spoken(min));
    }
    if (d.compareTo(max) > 0) {
      throw new IllegalArgumentException("duration must be at most " + spoken(max));
    }
    return d;
  }

  /** A duration in its largest whole unit, for messages: 1 day, 365 days, 1 hour, 90 seconds. */
  public static String spoken(Duration d) {
    if (d.toNanosPart() != 0) {
      return d.toString();
    }
    long seconds = d.getSeconds();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"day", "hour", "minute", "second"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds % sizes[i] == 0) {
        long n = seconds / sizes[i];
        return n + " " + units[i] + (n == 1 ? "" : "s");
      }
    }
    return d.toString();
  }

  /**
   * A size in its largest whole binary unit, as {@link #size(String)} reads it back: 1GiB, 512MiB,
   * 1000B.
   */
  public static String spokenSize(long bytes) {
    String[] units = {"TiB", "GiB", "MiB", "KiB"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (units.length - i));
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return bytes + "B";
  }

  static boolean bool(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "'" + printable(text) + "' is not a boolean (use true or false)");
    };
  }

  static String hostId(String text) {
    if (!HOST_ID.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'"
              + printable(text)
              + "' is not a host id (1 to 253 letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit)");
    }
    return text;
  }

  static String applicationId(String text) {
    if (!APPLICATION_ID.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'"
              + printable(text)
              + "' is not a Kafka Streams application id (1 to 200 letters, digits, '.', '_' or"
              + " '-')");
    }
    return text;
  }

  /** A comma-separated list of host:port; blank means none. */
  static String bootstrap(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return t;
    }
    StringBuilder normalized = new StringBuilder();
    for (String part : t.split(",", -1)) {
      String hp = part.strip();
      Matcher m = HOST_PORT.matcher(hp);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'" + printable(hp) + "' is not host:port (list servers as host:port,host:port)");
      }
      int port = Integer.parseInt(m.group(2));
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " of '" + hp + "' is out of range");
      }
      if (normalized.length() > 0) {
        normalized.append(',');
      }
      normalized.append(hp);
    }
    return normalized.toString();
  }

  /** A file system path; {@code ~/} at the start means the home directory; made absolute. */
  static Path path(String text, Path home) {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("path must not be empty");
    }
    if (t.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("path must not contain a NUL character");
    }
    try {
      Path p =
          t.equals("~") ? home : t.startsWith("~/") ? home.resolve(t.substring(2)) : Path.of(t);
      return p.toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("'" + printable(text) + "' is not a valid path");
    }
  }

  /** The value, shortened and with control characters escaped, for an error message. */
  static String printable(String text) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length() && i < 80; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (text.length() > 80) {
      sb.append("...");
    }
    return sb.toString();
  }
}
