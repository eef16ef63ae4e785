/**
 * The collector's durable disk spool: a bounded, append-only log of length-prefixed, CRC32C-checked
 * records in segment files, read back in order and removed once acknowledged, that survives a
 * {@code kill -9} by truncating a torn tail at the next open.
 */
package dev.whence.collector.spool;
