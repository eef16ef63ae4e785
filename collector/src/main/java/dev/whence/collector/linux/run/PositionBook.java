package dev.whence.collector.linux.run;

import dev.whence.collector.linux.live.SourcePosition;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Translates between the source's positions and the longs the pipeline and the publisher carry.
 *
 * <p>Every line gets an ordinal (1, 2, 3...). An output of the pipeline carries a <em>token</em>:
 * the pipeline's checkpoint ordinal when it was delivered, i.e. the first line that must be read
 * again after a restart. Once Kafka holds every output up to a token, the source may be
 * acknowledged up to the line just before it, never further: lines of an event that is still open
 * or unpublished stay unacknowledged.
 *
 * <p>{@link #line}, {@link #tokenOf} and {@link #ordinalAfterLine()} run under the caller's
 * pipeline lock; {@link #positionForToken} and {@link #release} may run on any thread.
 */
final class PositionBook {

  private final ArrayDeque<SourcePosition> lines = new ArrayDeque<>();
  private final ConcurrentSkipListMap<Long, SourcePosition> tokens = new ConcurrentSkipListMap<>();
  private long firstOrdinal = 1;
  private long nextOrdinal = 1;

  /** Records the position of the next line and returns its ordinal. */
  long line(SourcePosition position) {
    lines.addLast(position);
    return nextOrdinal++;
  }

  /** The ordinal the next line will get. */
  long ordinalAfterLine() {
    return nextOrdinal;
  }

  /**
   * Remembers the position a checkpoint {@code token} stands for (the line before it) and forgets
   * the lines before that one, which no later token can need: tokens never decrease.
   */
  long tokenOf(long token) {
    long last = token - 1;
    while (firstOrdinal < last && !lines.isEmpty()) {
      lines.removeFirst();
      firstOrdinal++;
    }
    if (last >= 1 && last == firstOrdinal && !lines.isEmpty()) {
      tokens.putIfAbsent(token, lines.peekFirst());
    }
    return token;
  }

  /** The source position a token allows acknowledging, or null when none (nothing read before). */
  SourcePosition positionForToken(long token) {
    Map.Entry<Long, SourcePosition> e = tokens.floorEntry(token);
    return e == null ? null : e.getValue();
  }

  /** Forgets tokens before {@code token}, once it has been acknowledged to the source. */
  void release(long token) {
    tokens.headMap(token, false).clear();
  }

  /** Lines held for future tokens (tests and diagnostics). */
  int held() {
    return lines.size();
  }
}
