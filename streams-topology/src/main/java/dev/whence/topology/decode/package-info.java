/** Decoding of raw topic records into events, with refusals bound for the dead-letter topic. */
package dev.whence.topology.decode;
