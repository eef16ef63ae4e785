package dev.whence.topology.state;

import java.util.Comparator;

/**
 * Orders strings as their UTF-8 encodings compare byte by byte (code point order), which is the
 * order of a RocksDB store with String keys; {@link String#compareTo} differs for supplementary
 * characters against U+E000..U+FFFF.
 */
final class Utf8Order implements Comparator<String> {

  static final Utf8Order INSTANCE = new Utf8Order();

  private Utf8Order() {}

  @Override
  public int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
          return codePointRank(x) - codePointRank(y);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF, as their code points are. */
  private static int codePointRank(char c) {
    return c <= Character.MAX_SURROGATE ? c + 0x2000 : c - 0x800;
  }
}
