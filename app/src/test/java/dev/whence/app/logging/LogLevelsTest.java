package dev.whence.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelsTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void resetLevels() {
    context.getLogger("dev.whence").setLevel(Level.INFO);
    LogLevels.KAFKA_LOGGERS.forEach(n -> context.getLogger(n).setLevel(Level.WARN));
  }

  @Test
  void kafkaIsQuietAndWhenceAtInfoByDefault() {
    LogLevels.apply(false, Map.of(), new PrintWriter(err));

    assertThat(context.getLogger("dev.whence").getEffectiveLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("kafka.server.BrokerServer").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void verboseRaisesWhenceToDebugAndKafkaToInfo() {
    LogLevels.apply(true, Map.of(), new PrintWriter(err));

    assertThat(context.getLogger("dev.whence.app.Main").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    assertThat(context.getLogger("state.change.logger").getEffectiveLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void unknownLevelNameIsReportedAndIgnored() {
    context.getLogger("dev.whence").setLevel(Level.DEBUG);

    LogLevels.apply(false, Map.of("WHENCE_LOG_LEVEL", "loud\u001b[31m"), new PrintWriter(err));

    assertThat(context.getLogger("dev.whence").getEffectiveLevel()).isEqualTo(Level.INFO);
    assertThat(err.toString())
        .contains("ignoring WHENCE_LOG_LEVEL=loud[31m")
        .doesNotContain("\u001b");
  }
}
