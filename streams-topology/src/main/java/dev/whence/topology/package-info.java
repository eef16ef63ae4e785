/** The Kafka Streams topology of Whence and the query service over its state. */
package dev.whence.topology;
