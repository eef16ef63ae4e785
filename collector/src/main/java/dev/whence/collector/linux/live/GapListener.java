package dev.whence.collector.linux.live;

/** Told of audit serials that the kernel produced but that never reached Whence. */
@FunctionalInterface
public interface GapListener {

  /** Serials {@code fromInclusive..toInclusive} of the current boot are missing. */
  void onGap(long fromInclusive, long toInclusive);

  /**
   * The restart gap is settled: reported through {@link #onGap} just before, or there was none.
   * Called once per start, after any {@link #onGap}.
   */
  default void onSettled() {}
}
