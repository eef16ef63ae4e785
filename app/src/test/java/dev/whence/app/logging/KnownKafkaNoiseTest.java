package dev.whence.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KnownKafkaNoiseTest {

  private final LoggerContext context = new LoggerContext();
  private final KnownKafkaNoise filter = new KnownKafkaNoise();
  private Logger streamsConfig;
  private Logger networkClient;

  @BeforeEach
  void kafkaAtWarn() {
    filter.setContext(context);
    context.getLogger("org.apache.kafka").setLevel(Level.WARN);
    streamsConfig = context.getLogger("org.apache.kafka.streams.StreamsConfig");
    networkClient = context.getLogger("org.apache.kafka.clients.NetworkClient");
  }

  private FilterReply warn(Logger logger, String message) {
    return at(Level.WARN, logger, message);
  }

  private FilterReply at(Level level, Logger logger, String message) {
    return filter.decide(new LoggingEvent(Logger.FQCN, logger, level, message, null, null));
  }

  @Test
  void dropsTheWarningsEveryStartAndStopPrints() {
    assertThat(
            warn(
                streamsConfig,
                "Processing exception handler is not enabled for the GlobalThread. It's"
                    + " recommended to set `processing.exception.handler.global.enabled` to true"))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            warn(
                networkClient,
                "[Consumer clientId=whence-topology-1-StreamThread-1-consumer, groupId=whence-topology]"
                    + " The metadata response from the cluster reported a recoverable issue with"
                    + " correlation id 7 : {whence-topology-incident-hops-repartition="
                    + "UNKNOWN_TOPIC_OR_PARTITION, whence-topology-graph-state-changelog="
                    + "UNKNOWN_TOPIC_OR_PARTITION}"))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            warn(
                networkClient,
                "[NodeToControllerChannelManager id=1 name=registration] Attempting to close"
                    + " NetworkClient that has already been closed."))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void keepsAnUnknownTopicOfWhencesOwnAndAnyOtherProblem() {
    assertThat(
            warn(
                networkClient,
                "[Consumer clientId=c, groupId=g] The metadata response from the cluster reported a"
                    + " recoverable issue with correlation id 7 : {whence.events="
                    + "UNKNOWN_TOPIC_OR_PARTITION, x-repartition=UNKNOWN_TOPIC_OR_PARTITION}"))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            warn(
                networkClient,
                "[Consumer clientId=c, groupId=g] The metadata response from the cluster reported a"
                    + " recoverable issue with correlation id 7 : {x-repartition=LEADER_NOT_AVAILABLE}"))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(warn(networkClient, "Connection to node 1 could not be established."))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(warn(streamsConfig, "Unrecognized config: foo")).isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            at(
                Level.ERROR,
                streamsConfig,
                "Processing exception handler is not enabled for the GlobalThread."))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            warn(
                context.getLogger("org.apache.kafka.clients.consumer.KafkaConsumer"),
                "x Attempting to close NetworkClient that has already been closed."))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void dropsNothingWhenKafkaLogsAtInfo() {
    context.getLogger("org.apache.kafka").setLevel(Level.INFO);
    assertThat(
            warn(
                networkClient, "x Attempting to close NetworkClient that has already been closed."))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void readsTheTopicErrorsAtTheEndOfTheMessage() {
    assertThat(KnownKafkaNoise.onlyInternalTopicsUnknown("x : {}")).isFalse();
    assertThat(KnownKafkaNoise.onlyInternalTopicsUnknown("x : {a-changelog}")).isFalse();
    assertThat(KnownKafkaNoise.onlyInternalTopicsUnknown("no map")).isFalse();
    assertThat(
            KnownKafkaNoise.onlyInternalTopicsUnknown(
                "x : {a-changelog=UNKNOWN_TOPIC_OR_PARTITION}"))
        .isTrue();
  }
}
