package dev.whence.app.run;

/**
 * What a replay published.
 *
 * @param source name of what was replayed
 * @param lines input lines read
 * @param events events published to {@code whence.events}
 * @param rejected inputs published to {@code whence.events.dlq}
 */
public record ReplayResult(String source, long lines, long events, long rejected) {

  /** The sum of two replays. */
  public ReplayResult plus(ReplayResult other) {
    return new ReplayResult(
        source + ", " + other.source,
        lines + other.lines,
        events + other.events,
        rejected + other.rejected);
  }
}
