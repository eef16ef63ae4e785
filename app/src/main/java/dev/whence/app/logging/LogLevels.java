package dev.whence.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Log levels of a Whence process. {@code logback.xml} sets Whence's loggers to {@code
 * WHENCE_LOG_LEVEL} (default INFO) and Kafka's to {@code WHENCE_KAFKA_LOG_LEVEL} (default WARN);
 * {@link #apply} checks those variables and applies {@code --verbose} (Whence at DEBUG, Kafka at
 * INFO).
 */
public final class LogLevels {

  /** Environment variable with the level of Whence's own loggers. */
  public static final String WHENCE_LOG_LEVEL = "WHENCE_LOG_LEVEL";

  /** Environment variable with the level of the Kafka broker and clients. */
  public static final String WHENCE_KAFKA_LOG_LEVEL = "WHENCE_KAFKA_LOG_LEVEL";

  /** Loggers of the Kafka broker and clients, kept quiet unless asked. */
  public static final List<String> KAFKA_LOGGERS =
      List.of("org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper");

  private static final Set<String> LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private LogLevels() {}

  /**
   * Resets a level variable of {@code env} that is not a level name to its default (with a message
   * on {@code err}, as logback would silently read it as DEBUG), then applies {@code verbose}.
   */
  public static void apply(boolean verbose, Map<String, String> env, PrintWriter err) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    if (!validLevel(env.get(WHENCE_LOG_LEVEL))) {
      warn(err, WHENCE_LOG_LEVEL, env.get(WHENCE_LOG_LEVEL), "INFO");
      context.getLogger("dev.whence").setLevel(Level.INFO);
    }
    if (!validLevel(env.get(WHENCE_KAFKA_LOG_LEVEL))) {
      warn(err, WHENCE_KAFKA_LOG_LEVEL, env.get(WHENCE_KAFKA_LOG_LEVEL), "WARN");
      KAFKA_LOGGERS.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
    }
    if (verbose) {
      context.getLogger("dev.whence").setLevel(Level.DEBUG);
      KAFKA_LOGGERS.forEach(name -> context.getLogger(name).setLevel(Level.INFO));
    }
  }

  private static boolean validLevel(String value) {
    return value == null || LEVELS.contains(value.strip().toUpperCase(Locale.ROOT));
  }

  private static void warn(PrintWriter err, String variable, String value, String fallback) {
    StringBuilder shown = new StringBuilder();
    value
        .codePoints()
        .limit(40)
        .filter(c -> !Character.isISOControl(c))
        .forEach(shown::appendCodePoint);
    err.println(
        "whence: ignoring "
            + variable
            + "="
            + shown
            + " (use TRACE, DEBUG, INFO, WARN, ERROR or OFF); using "
            + fallback);
    err.flush();
  }
}
