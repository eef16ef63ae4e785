package dev.whence.graph.detect;

import dev.whence.graph.model.Operation;

/**
 * One matched event of an alert's chain (Avro {@code ChainStep}).
 *
 * @param object the object of the event, or null when it has none
 */
public record ChainStep(
    String eventId,
    long timestampNanos,
    Operation operation,
    AlertProcess subject,
    AlertObject object) {}
