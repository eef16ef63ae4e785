/**
 * The Kafka publisher of the collector: an idempotent producer that falls back to the durable disk
 * spool when the broker is unreachable, drains the spool in order when it returns, applies
 * backpressure when the spool is full, and reports which inputs Kafka has acknowledged so the
 * source may advance its checkpoint.
 */
package dev.whence.collector.publish;
