package dev.whence.collector.linux.live.netlink;

import java.util.Objects;

/**
 * Datagrams received together, packed into one array: datagram {@code i} is {@code data[offset(i)
 * .. offset(i) + length(i))}, each starting with its netlink header. Immutable once built.
 */
public final class DatagramBatch {

  private final byte[] data;
  private final int[] offsets;
  private final int[] lengths;
  private final int count;

  DatagramBatch(byte[] data, int[] offsets, int[] lengths, int count) {
    if (count < 0 || count > offsets.length || count > lengths.length) {
      throw new IllegalArgumentException("count " + count + " outside the offset table");
    }
    for (int i = 0; i < count; i++) {
      Objects.checkFromIndexSize(offsets[i], lengths[i], data.length);
    }
    this.data = data;
    this.offsets = offsets;
    this.lengths = lengths;
    this.count = count;
  }

  /** One batch holding copies of {@code datagrams}. */
  public static DatagramBatch of(byte[]... datagrams) {
    int total = 0;
    for (byte[] d : datagrams) {
      total += d.length;
    }
    byte[] data = new byte[total];
    int[] offsets = new int[datagrams.length];
    int[] lengths = new int[datagrams.length];
    int at = 0;
    for (int i = 0; i < datagrams.length; i++) {
      System.arraycopy(datagrams[i], 0, data, at, datagrams[i].length);
      offsets[i] = at;
      lengths[i] = datagrams[i].length;
      at += datagrams[i].length;
    }
    return new DatagramBatch(data, offsets, lengths, datagrams.length);
  }

  /** How many datagrams. */
  public int count() {
    return count;
  }

  /** The shared array; do not modify. */
  public byte[] data() {
    return data;
  }

  /** Where datagram {@code i} starts in {@link #data()}. */
  public int offset(int i) {
    Objects.checkIndex(i, count);
    return offsets[i];
  }

  /** Datagram {@code i}'s length. */
  public int length(int i) {
    Objects.checkIndex(i, count);
    return lengths[i];
  }

  /** The bytes of all datagrams (what the batch costs in a queue). */
  public int bytes() {
    int sum = 0;
    for (int i = 0; i < count; i++) {
      sum += lengths[i];
    }
    return sum;
  }
}
