/**
 * Proof of completeness and heartbeats: {@link dev.whence.collector.status.CompletenessTracker}
 * follows the per-boot sequence numbers of a source and finds every gap; {@link
 * dev.whence.collector.status.StatusReporter} publishes a {@code CollectorStatus} to {@code
 * whence.status} at a fixed rate, logging the loss signals that rose since the previous heartbeat
 * ({@link dev.whence.collector.status.LossWarnings}).
 */
package dev.whence.collector.status;
