package dev.whence.graph.model;

/**
 * One source-neutral event: who ({@code subject}) did what ({@code operation}) to whom ({@code
 * object1}, {@code object2}), and when. Maps field by field from the Avro {@code Event}; the
 * builder validates it and rejects malformed values with a reason instead of throwing.
 *
 * @param eventId the end-to-end de-duplication id (UUID v5 of host, boot, sequence)
 * @param host host id
 * @param boot boot id; sequences restart with each boot
 * @param sequence per-host, per-boot source sequence (the audit serial)
 * @param timestampNanos event time, nanoseconds since the Unix epoch
 * @param operation what the event did
 * @param success whether the operation succeeded
 * @param returnValue system call return value or negated errno, when known
 * @param flags operation flags as the source gave them (open flags, clone flags), when known
 * @param size bytes transferred, when known
 * @param subject the acting process
 * @param object1 main object (file opened, executable, socket, child, old name), or null
 * @param object2 second object (new name of a rename or link, other end of a pipe), or null
 */
public record SystemEvent(
    String eventId,
    String host,
    String boot,
    long sequence,
    long timestampNanos,
    Operation operation,
    boolean success,
    Long returnValue,
    Long flags,
    Long size,
    ProcessInfo subject,
    ObjectRef object1,
    ObjectRef object2) {

  /** This event with another event id and sequence (for tests and replays). */
  public SystemEvent withSequence(String newEventId, long newSequence) {
    return new SystemEvent(
        newEventId,
        host,
        boot,
        newSequence,
        timestampNanos,
        operation,
        success,
        returnValue,
        flags,
        size,
        subject,
        object1,
        object2);
  }
}
