package dev.whence.graph.build;

/** A remark on how an event was applied. */
public record Note(NoteCode code, String detail) {}
