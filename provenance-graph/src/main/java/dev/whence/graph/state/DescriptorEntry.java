package dev.whence.graph.state;

/**
 * An open descriptor of a process.
 *
 * @param processEntityId the process entity that owns it; a mismatch means the pid was reused
 * @param openedSequence sequence of the event that opened (or inherited) it
 */
public record DescriptorEntry(
    DescriptorKey key, String processEntityId, DescriptorTarget target, long openedSequence) {}
