package dev.whence.collector.publish;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * How a failed send is handled. Only {@link #RETRIABLE} failures are retried (through the spool);
 * every other kind stops the publisher, keeps the records in the spool and is reported to the
 * {@link FailureListener}.
 */
public enum FailureKind {
  /** The broker is unreachable, slow or changing leaders: spool and resend later. */
  RETRIABLE,
  /** The broker refused a record or batch as too large for its limits. */
  RECORD_TOO_LARGE,
  /** Authentication failed or the principal may not write the topic. */
  AUTHORIZATION,
  /** A record could not be serialized. */
  SERIALIZATION,
  /** The topic name, the protocol version or another setting is invalid. */
  CONFIGURATION,
  /** Any other non-retriable error (fenced producer, broken sequence, closed producer). */
  FATAL;

  /** Whether records failing this way are retried. */
  public boolean retriable() {
    return this == RETRIABLE;
  }

  /** Classifies a send failure by its type, looking through wrapping causes. */
  public static FailureKind of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException) {
        return RECORD_TOO_LARGE;
      }
      if (t instanceof AuthorizationException || t instanceof AuthenticationException) {
        return AUTHORIZATION;
      }
      if (t instanceof SerializationException) {
        return SERIALIZATION;
      }
      if (t instanceof InvalidConfigurationException || t instanceof UnsupportedVersionException) {
        return CONFIGURATION;
      }
      if (t instanceof RetriableException || t instanceof InterruptException) {
        return RETRIABLE;
      }
    }
    return FATAL;
  }
}
