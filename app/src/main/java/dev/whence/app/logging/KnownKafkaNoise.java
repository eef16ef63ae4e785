package dev.whence.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;

/**
 * Drops three Kafka warnings that every start or stop of a Whence process prints and that need no
 * action, so that a real warning is not lost among them (the console appender's filter in {@code
 * logback.xml}; an appender filter sees only events that are logged, so the many disabled debug
 * checks on Kafka's hot paths do not pass through it, as they would through a turbo filter):
 *
 * <ul>
 *   <li>Kafka Streams' advice to enable the processing exception handler for the global thread:
 *       Whence enables it ({@code StreamsSettings}), but Kafka Streams builds internal copies of
 *       the configuration without it and warns about each;
 *   <li>a client's metadata answer that topics are unknown when every one of them is an internal
 *       topic of a Streams application ({@code -repartition}, {@code -changelog}), which Kafka
 *       Streams creates a moment later; an unknown topic of Whence's own is still reported;
 *   <li>the broker closing a network client that was already closed at shutdown.
 * </ul>
 *
 * <p>Any other event gets no opinion. With {@code --verbose} (Kafka at INFO) nothing is dropped.
 */
public final class KnownKafkaNoise extends Filter<ILoggingEvent> {

  private static final String STREAMS_CONFIG = "org.apache.kafka.streams.StreamsConfig";
  private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
  private static final String GLOBAL_HANDLER_ADVICE =
      "Processing exception handler is not enabled for the GlobalThread";
  private static final String RECOVERABLE_METADATA_ISSUE = "reported a recoverable issue";
  private static final String ALREADY_CLOSED =
      "Attempting to close NetworkClient that has already been closed.";
  private static final String UNKNOWN_TOPIC = "UNKNOWN_TOPIC_OR_PARTITION";

  @Override
  public FilterReply decide(ILoggingEvent event) {
    String message = event.getMessage();
    String name = event.getLoggerName();
    if (event.getLevel() != Level.WARN || message == null || name == null) {
      return FilterReply.NEUTRAL;
    }
    boolean noise =
        switch (name) {
          case STREAMS_CONFIG -> message.startsWith(GLOBAL_HANDLER_ADVICE);
          case NETWORK_CLIENT ->
              message.endsWith(ALREADY_CLOSED)
                  || message.contains(RECOVERABLE_METADATA_ISSUE)
                      && onlyInternalTopicsUnknown(message);
          default -> false;
        };
    return noise && !atInfo(name) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  /** Whether the logger {@code name} logs at INFO (Kafka with {@code --verbose}). */
  private boolean atInfo(String name) {
    return getContext() instanceof LoggerContext context
        ? context.getLogger(name).isInfoEnabled()
        : LoggerFactory.getLogger(name).isInfoEnabled();
  }

  /**
   * Whether the topic errors that end {@code message} (a map printed as braces around entries such
   * as {@code app-x-repartition=UNKNOWN_TOPIC_OR_PARTITION}, as Kafka's clients format the message
   * before logging it) name only internal Streams topics, all unknown. Topic names cannot hold the
   * separators.
   */
  static boolean onlyInternalTopicsUnknown(String message) {
    int open = message.lastIndexOf(" : {");
    if (open < 0 || !message.endsWith("}")) {
      return false;
    }
    String body = message.substring(open + 4, message.length() - 1);
    if (body.isEmpty()) {
      return false;
    }
    for (String entry : body.split(", ", -1)) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        return false;
      }
      String topic = entry.substring(0, eq);
      boolean internal = topic.endsWith("-repartition") || topic.endsWith("-changelog");
      if (!internal || !UNKNOWN_TOPIC.equals(entry.substring(eq + 1))) {
        return false;
      }
    }
    return true;
  }
}
