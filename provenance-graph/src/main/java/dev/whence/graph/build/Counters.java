package dev.whence.graph.build;

/** Mutable counters behind {@link GraphCounters}; one builder runs on one thread. */
final class Counters {
  long applied;
  long duplicates;
  long rejected;
  long nodes;
  long edges;
  long processesExpired;
  long descriptorsExpired;
  long filesExpired;
  long aliasesExpired;
  long dedupExpired;

  GraphCounters snapshot() {
    return new GraphCounters(
        applied,
        duplicates,
        rejected,
        nodes,
        edges,
        processesExpired,
        descriptorsExpired,
        filesExpired,
        aliasesExpired,
        dedupExpired);
  }
}
