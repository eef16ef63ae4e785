/**
 * Event sources, parsers, the normalizer to Avro events, the durable spool and the Kafka publisher.
 */
package dev.whence.collector;
