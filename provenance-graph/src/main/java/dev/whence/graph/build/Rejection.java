package dev.whence.graph.build;

/** Why an event could not be mapped onto the graph; the event belongs in the dead-letter topic. */
public record Rejection(RejectionCode code, String reason) {}
