package dev.whence.topology.state;

import java.util.Comparator;

/**
 * Orders strings as their UTF-8 encodings compare byte by byte (code point order), which is the
 * order of a RocksDB store with String keys; {@link String#compareTo} differs for supplementary
 * characters against U+E000..U+FFFF.
 *
 * <p>The two orders differ only where both strings have a unit at or above U+D800 at their first
 * difference, so a first argument without such a unit is compared with {@link String#compareTo}
 * (vectorized by the JIT). A sorted map compares one probe key with many of its keys in a row, so
 * each instance remembers the last first argument it found free of them and checks a new one once.
 * An instance is meant for one map; sharing one between threads is safe (the remembered string is
 * immutable and was checked) but costly.
 */
final class Utf8Order implements Comparator<String> {

  /** The last first argument found to have no unit at or above U+D800. */
  private String belowSurrogates;

  /** A comparator for one map. */
  Utf8Order() {}

  @Override
  public int compare(String a, String b) {
    if (a != belowSurrogates) {
      if (!isBelowSurrogates(a)) {
        return codePointCompare(a, b);
      }
      belowSurrogates = a;
    }
    return a.compareTo(b);
  }

  private static boolean isBelowSurrogates(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= Character.MIN_SURROGATE) {
        return false;
      }
    }
    return true;
  }

  private static int codePointCompare(String a, String b) {
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
