package dev.whence.graph.build;

import java.util.ArrayList;
import java.util.List;

/** Bounds untrusted strings before they are stored in nodes or state. */
final class Texts {
  static final String TRUNCATION_MARK = "...[truncated]";

  private Texts() {}

  static String bound(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + TRUNCATION_MARK;
  }

  static List<String> argv(List<String> argv, int maxEach, int maxTotal) {
    List<String> out = new ArrayList<>();
    int total = 0;
    for (String arg : argv) {
      String kept = bound(arg, maxEach);
      if (total + kept.length() > maxTotal) {
        out.add(TRUNCATION_MARK);
        break;
      }
      out.add(kept);
      total += kept.length();
    }
    return out;
  }
}
