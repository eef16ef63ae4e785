package dev.whence.collector.status;

/**
 * An inclusive run of sequence numbers.
 *
 * @param from first sequence
 * @param to last sequence, not before {@code from}
 */
public record SequenceRange(long from, long to) {

  public SequenceRange {
    if (to < from) {
      throw new IllegalArgumentException("range ends before it starts: " + from + ".." + to);
    }
  }

  /** How many sequences the range holds. */
  public long size() {
    return to - from + 1;
  }

  @Override
  public String toString() {
    return from == to ? Long.toString(from) : from + ".." + to;
  }
}
