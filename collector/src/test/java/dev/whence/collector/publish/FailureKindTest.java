package dev.whence.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

class FailureKindTest {

  @Test
  void brokerTroubleIsRetriable() {
    assertThat(FailureKind.of(new TimeoutException("Expiring 3 record(s)")))
        .isEqualTo(FailureKind.RETRIABLE);
    assertThat(FailureKind.of(new BufferExhaustedException("full")))
        .isEqualTo(FailureKind.RETRIABLE);
    assertThat(FailureKind.of(new NetworkException("gone"))).isEqualTo(FailureKind.RETRIABLE);
    assertThat(FailureKind.of(new NotEnoughReplicasException("isr")))
        .isEqualTo(FailureKind.RETRIABLE);
    assertThat(FailureKind.RETRIABLE.retriable()).isTrue();
  }

  @Test
  void everythingElseIsFatalAndNamed() {
    assertThat(FailureKind.of(new RecordTooLargeException("big")))
        .isEqualTo(FailureKind.RECORD_TOO_LARGE);
    assertThat(FailureKind.of(new TopicAuthorizationException("no")))
        .isEqualTo(FailureKind.AUTHORIZATION);
    assertThat(FailureKind.of(new ClusterAuthorizationException("no")))
        .isEqualTo(FailureKind.AUTHORIZATION);
    assertThat(FailureKind.of(new SaslAuthenticationException("no")))
        .isEqualTo(FailureKind.AUTHORIZATION);
    assertThat(FailureKind.of(new SerializationException("bad")))
        .isEqualTo(FailureKind.SERIALIZATION);
    assertThat(FailureKind.of(new InvalidTopicException("bad")))
        .isEqualTo(FailureKind.CONFIGURATION);
    assertThat(FailureKind.of(new UnsupportedVersionException("old")))
        .isEqualTo(FailureKind.CONFIGURATION);
    assertThat(FailureKind.of(new ProducerFencedException("fenced"))).isEqualTo(FailureKind.FATAL);
    assertThat(FailureKind.of(new OutOfOrderSequenceException("seq"))).isEqualTo(FailureKind.FATAL);
    assertThat(FailureKind.of(new IllegalStateException("closed"))).isEqualTo(FailureKind.FATAL);
    assertThat(FailureKind.FATAL.retriable()).isFalse();
  }

  @Test
  void looksThroughWrappers() {
    assertThat(FailureKind.of(new ExecutionException(new TopicAuthorizationException("no"))))
        .isEqualTo(FailureKind.AUTHORIZATION);
    assertThat(FailureKind.of(new KafkaException(new TimeoutException("t"))))
        .isEqualTo(FailureKind.RETRIABLE);
  }
}
