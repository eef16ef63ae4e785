package dev.whence.graph.identity;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lexical path normalization: joins a relative path to the working directory and removes empty,
 * {@code .} and {@code ..} segments, so that {@code /tmp/../etc//passwd} and {@code /etc/passwd}
 * name the same file. Symbolic links are not resolved (the source did, when it could).
 */
public final class PathNames {
  private PathNames() {}

  /** The normalized absolute path, or {@code path} unchanged when it cannot be made absolute. */
  public static String normalize(String path, String cwd) {
    if (path == null || path.isEmpty()) {
      return path;
    }
    String full = path;
    if (path.charAt(0) != '/') {
      if (cwd == null || cwd.isEmpty() || cwd.charAt(0) != '/') {
        return path;
      }
      full = cwd + "/" + path;
    } else if (isNormal(path)) {
      return path;
    }
    return rebuild(full);
  }

  /** Splits an absolute path, drops empty and {@code .} segments, pops at {@code ..}, joins. */
  static String rebuild(String full) {
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : full.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(segment);
      }
    }
    return "/" + String.join("/", parts);
  }

  /**
   * Whether an absolute path has no empty, {@code .} or {@code ..} segment and no trailing slash
   * (except the root itself): most paths, which then need no rebuilding.
   */
  static boolean isNormal(String path) {
    int n = path.length();
    if (n == 1) {
      return true;
    }
    if (path.charAt(n - 1) == '/') {
      return false;
    }
    int segmentStart = 1;
    for (int i = 1; i <= n; i++) {
      if (i == n || path.charAt(i) == '/') {
        int len = i - segmentStart;
        if (len == 0
            || len == 1 && path.charAt(segmentStart) == '.'
            || len == 2
                && path.charAt(segmentStart) == '.'
                && path.charAt(segmentStart + 1) == '.') {
          return false;
        }
        segmentStart = i + 1;
      }
    }
    return true;
  }
}
