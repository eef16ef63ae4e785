/**
 * Decoding of raw topic records into events, with refusals bound for the dead-letter topic, and a
 * key deserializer that reuses the strings of repeating keys.
 */
package dev.whence.topology.decode;
