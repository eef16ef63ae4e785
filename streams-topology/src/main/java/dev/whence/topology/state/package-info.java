/**
 * Write-behind state stores: a task keeps its dirty keys in memory and writes each of them once per
 * commit to a logged persistent store, before Kafka Streams flushes the producer and commits.
 */
package dev.whence.topology.state;
