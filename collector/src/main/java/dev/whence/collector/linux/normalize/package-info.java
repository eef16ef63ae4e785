/**
 * Mapping of assembled Linux audit events to the source-neutral Avro {@code Event}: operation
 * vocabulary, subject, objects, the raw remainder, syscall tables and socket address decoding.
 */
package dev.whence.collector.linux.normalize;
