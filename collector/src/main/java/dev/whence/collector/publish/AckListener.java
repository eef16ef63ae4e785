package dev.whence.collector.publish;

/**
 * Told, in input order, how far Kafka has acknowledged: the source advances its read checkpoint
 * with it, so that a crash re-reads (and the event id de-duplicates) rather than loses.
 */
@FunctionalInterface
public interface AckListener {

  /**
   * Every input given to this publisher up to and including the one with this position is
   * acknowledged by Kafka. Called from the publisher's drainer thread (last from {@code close}) in
   * input order (the positions are the caller's, returned as given); keep it quick.
   */
  void acknowledged(long position);
}
