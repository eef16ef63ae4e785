package dev.whence.graph.build;

/** Kinds of remarks on an event that was applied (or skipped) without being an error. */
public enum NoteCode {
  /** The event id was applied before; nothing was emitted. */
  DUPLICATE_EVENT,
  /** The operation failed; the process was recorded, no information flowed. */
  FAILED_OPERATION,
  /** A thread was created; threads are folded into their process. */
  THREAD_FOLDED,
  /** A descriptor was not known; the operation was recorded without its object. */
  UNRESOLVED_DESCRIPTOR,
  /**
   * A descriptor referred to another file than the one it was bound to (closed and reused unseen);
   * the operation went to the file the event names, and the descriptor was bound to it.
   */
  REUSED_DESCRIPTOR,
  /** The operation carries no information flow in the model. */
  NOT_MODELLED,
  /** An edge from a node to itself was left out. */
  SELF_LOOP,
  /** A value was cut to its maximum length. */
  TRUNCATED
}
