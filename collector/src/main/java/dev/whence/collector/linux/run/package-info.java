/**
 * The Linux audit collector a user runs: the live kernel audit source, the audit pipeline, the
 * Kafka publisher and the status heartbeats wired together, with read checkpoints that advance only
 * over published input.
 */
package dev.whence.collector.linux.run;
