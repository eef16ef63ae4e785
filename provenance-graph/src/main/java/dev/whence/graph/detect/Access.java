package dev.whence.graph.detect;

/** Direction of data access that a step requires. */
public enum Access {
  /** Any access or none. */
  ANY,
  /** The event reads its object (read, receive, open for reading, execute, map). */
  READ,
  /** The event writes its object (write, send, create, open for writing, truncate, rename). */
  WRITE
}
