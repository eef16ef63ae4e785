package dev.whence.graph.build;

/** Counters of a builder since it was created (a snapshot). */
public record GraphCounters(
    long eventsApplied,
    long duplicates,
    long rejected,
    long nodesEmitted,
    long edgesEmitted,
    long processesExpired,
    long descriptorsExpired,
    long filesExpired,
    long aliasesExpired,
    long dedupWindowsExpired) {}
