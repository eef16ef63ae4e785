package dev.whence.collector.publish;

/**
 * A non-retriable failure that stopped the publisher.
 *
 * @param kind its classification
 * @param topic the topic of the record that failed
 * @param message precise description
 * @param cause the producer's exception
 */
public record PublishFailure(FailureKind kind, String topic, String message, Throwable cause) {}
