package dev.whence.collector.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * All records of one audit event (one serial on one node), in arrival order, with where its first
 * record was read and why it was considered complete.
 */
public final class AuditEvent {

  /** Why an event was closed. */
  public enum Completion {
    /** An EOE record arrived. */
    EOE,
    /** The PROCTITLE record, which the kernel writes last before EOE, arrived after a SYSCALL. */
    PROCTITLE,
    /** A record type that forms an event of its own (user-space and daemon messages). */
    STANDALONE,
    /** Record time moved past the event by more than the timeout. */
    RECORD_TIMEOUT,
    /** The injected clock moved past the event's arrival by more than the idle timeout. */
    IDLE_TIMEOUT,
    /** Too many events were in flight; the oldest was closed. */
    EVICTED,
    /** End of input. */
    FLUSH
  }

  private final String node;
  private final long serial;
  private final String source;
  private final long firstPosition;
  private final long arrivalMillis;
  private final long openedAtRecord;
  private final List<AuditRecord> records = new ArrayList<>(4);
  private boolean hasSyscall;
  private Completion completion;

  /** The assembler's key of this event while it is open (boxed once). */
  Long openKey;

  AuditEvent(
      String node,
      long serial,
      String source,
      long firstPosition,
      long arrivalMillis,
      long openedAtRecord) {
    this.openedAtRecord = openedAtRecord;
    this.node = node;
    this.serial = serial;
    this.source = source;
    this.firstPosition = firstPosition;
    this.arrivalMillis = arrivalMillis;
  }

  void add(AuditRecord record) {
    records.add(record);
    if (record.typeNumber() == 1300) {
      hasSyscall = true;
    }
  }

  void complete(Completion how) {
    this.completion = how;
  }

  boolean hasSyscall() {
    return hasSyscall;
  }

  long openedAtRecord() {
    return openedAtRecord;
  }

  long arrivalMillis() {
    return arrivalMillis;
  }

  /** The node= name of the records, or null. */
  public String node() {
    return node;
  }

  /** The audit serial shared by the records. */
  public long serial() {
    return serial;
  }

  /** The source (file, "netlink") the first record was read from. */
  public String source() {
    return source;
  }

  /** The caller's position (line number, byte offset) of the first record. */
  public long firstPosition() {
    return firstPosition;
  }

  /** The records in arrival order (EOE included when one was seen). */
  public List<AuditRecord> records() {
    return records;
  }

  /** Why the event was closed. */
  public Completion completion() {
    return completion;
  }

  /** Timestamp of the first record, nanoseconds since the epoch. */
  public long timestampNanos() {
    return records.get(0).timestampNanos();
  }

  /** The first record of the given type, or null. */
  public AuditRecord first(String type) {
    for (AuditRecord r : records) {
      if (r.type().equals(type)) {
        return r;
      }
    }
    return null;
  }
}
