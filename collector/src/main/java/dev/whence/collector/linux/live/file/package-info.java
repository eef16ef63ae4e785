/**
 * Reading the log files auditd writes: its configuration, a rotation-aware tailer, and the durable
 * checkpoint advanced only for acknowledged data.
 */
package dev.whence.collector.linux.live.file;
