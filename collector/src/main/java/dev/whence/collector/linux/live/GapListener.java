package dev.whence.collector.linux.live;

/** Told of audit serials that the kernel produced but that never reached Whence. */
@FunctionalInterface
public interface GapListener {

  /** Serials {@code fromInclusive..toInclusive} of the current boot are missing. */
  void onGap(long fromInclusive, long toInclusive);
}
