package dev.whence.graph.detect;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A stored chain decoded on first access: most partial matches read from the store are only moved
 * along edges or counted, never inspected, so their chains stay as bytes and are written back as
 * they are.
 */
final class LazyChain extends AbstractList<ChainStep> implements RandomAccess {
  private final byte[] bytes;
  private final int offset;
  private final int length;
  private final int size;
  private List<ChainStep> decoded;

  /** Steps encoded in {@code bytes[offset, offset + length)}; the array is not copied. */
  LazyChain(byte[] bytes, int offset, int length, int size) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
    this.size = size;
  }

  /** Writes the encoded steps, as {@link MatchCodec} wrote them. */
  void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
    out.write(bytes, offset, length);
  }

  /** Length of the encoded steps. */
  int length() {
    return length;
  }

  @Override
  public ChainStep get(int index) {
    if (decoded == null) {
      decoded = MatchCodec.decodeChain(bytes, offset, length, size);
    }
    return decoded.get(index);
  }

  @Override
  public int size() {
    return size;
  }
}
