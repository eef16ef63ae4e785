/**
 * The state the builder needs between events, behind a small key-value port ({@link
 * dev.whence.graph.state.GraphState}) that a Kafka Streams topology backs with state stores. Every
 * key carries the host, so the state partitions by host like the event topic; entries are small
 * immutable records; an expiry index bounds the state on event time.
 */
package dev.whence.graph.state;
