package dev.whence.graph.model;

/** The kind of a graph node; mirrors the Avro {@code NodeKind} symbols by name. */
public enum NodeKind {
  PROCESS,
  FILE,
  FLOW,
  PIPE,
  SOCKET,
  PRINCIPAL,
  HOST,
  MODULE,
  UNKNOWN
}
