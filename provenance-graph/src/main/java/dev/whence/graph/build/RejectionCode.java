package dev.whence.graph.build;

/** Stable machine-readable reasons for refusing an event (the DLQ's {@code reasonCode}). */
public enum RejectionCode {
  MISSING_FIELD,
  FIELD_TOO_LONG,
  INVALID_PID,
  STALE_SEQUENCE,
  MISSING_CHILD_PID,
  MISSING_OBJECT,
  UNRESOLVED_DESCRIPTOR,
  INTERNAL_ERROR
}
