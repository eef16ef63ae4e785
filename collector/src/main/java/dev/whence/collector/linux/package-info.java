/**
 * Linux audit from raw log lines to events: {@link dev.whence.collector.linux.AuditRecordParser}
 * (one line, bytes in), {@link dev.whence.collector.linux.AuditEventAssembler} (records of one
 * serial), {@link dev.whence.collector.linux.AuditPipeline} (parser, assembler and normalizer,
 * driven line by line) and {@link dev.whence.collector.linux.LinuxAuditLogReader} (whole files).
 */
package dev.whence.collector.linux;
