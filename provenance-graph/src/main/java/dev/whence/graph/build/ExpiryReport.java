package dev.whence.graph.build;

/** What one {@link GraphBuilder#expire} call removed, and how many index entries it rescheduled. */
public record ExpiryReport(
    int processes, int descriptors, int files, int aliases, int dedupWindows, int rescheduled) {

  /** Total entries removed. */
  public int removed() {
    return processes + descriptors + files + aliases + dedupWindows;
  }
}
