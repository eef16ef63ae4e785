package dev.whence.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Raises log levels at start. {@code logback.xml} sets Whence's loggers to {@code WHENCE_LOG_LEVEL}
 * (default INFO) and Kafka's to {@code WHENCE_KAFKA_LOG_LEVEL} (default WARN); {@code --verbose}
 * raises them to DEBUG and INFO.
 */
public final class LogLevels {

  /** Loggers of the Kafka broker and clients, kept quiet unless asked. */
  public static final List<String> KAFKA_LOGGERS =
      List.of("org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper");

  private LogLevels() {}

  /** Applies {@code --verbose}: Whence at DEBUG, Kafka at INFO. Does nothing when false. */
  public static void verbose(boolean verbose) {
    if (!verbose) {
      return;
    }
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.getLogger("dev.whence").setLevel(Level.DEBUG);
      for (String name : KAFKA_LOGGERS) {
        context.getLogger(name).setLevel(Level.INFO);
      }
    }
  }
}
