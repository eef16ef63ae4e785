package dev.whence.graph.model;

/** What kind of thing an event acted on; mirrors the Avro {@code ObjectKind} symbols by name. */
public enum ObjectKind {
  FILE,
  DIRECTORY,
  SYMLINK,
  DEVICE,
  SOCKET,
  PIPE,
  PROCESS,
  MODULE,
  PRINCIPAL,
  MEMORY,
  UNKNOWN;

  /** Whether objects of this kind live in the file system and are identified as files. */
  public boolean isFileLike() {
    return this == FILE || this == DIRECTORY || this == SYMLINK || this == DEVICE;
  }
}
