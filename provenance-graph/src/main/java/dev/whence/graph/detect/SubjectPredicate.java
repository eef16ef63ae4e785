package dev.whence.graph.detect;

import dev.whence.graph.build.ProcessView;
import dev.whence.graph.model.Ancestor;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A predicate on the acting process; every non-empty (non-null) part must hold.
 *
 * @param exe globs of which the executable must match one
 * @param notExe globs of which the executable must match none
 * @param argv regular expressions of which one must be found in the command line (arguments joined
 *     by spaces, cut at 4096 characters)
 * @param uid real user ids of which the process must have one
 * @param euid effective user ids of which the process must have one
 * @param uidChanged when set, whether the real or effective user id must differ from the process's
 *     previous image
 * @param ancestorExe globs of which some ancestor's executable must match one
 * @param notAncestorExe globs of which no ancestor's executable may match any
 */
public record SubjectPredicate(
    List<Glob> exe,
    List<Glob> notExe,
    List<Pattern> argv,
    Set<Long> uid,
    Set<Long> euid,
    Boolean uidChanged,
    List<Glob> ancestorExe,
    List<Glob> notAncestorExe) {

  /** A predicate that always holds. */
  public static final SubjectPredicate ANY =
      new SubjectPredicate(
          List.of(), List.of(), List.of(), Set.of(), Set.of(), null, List.of(), List.of());

  /** Copies collections defensively. */
  public SubjectPredicate {
    exe = List.copyOf(exe);
    notExe = List.copyOf(notExe);
    argv = List.copyOf(argv);
    uid = Set.copyOf(uid);
    euid = Set.copyOf(euid);
    ancestorExe = List.copyOf(ancestorExe);
    notAncestorExe = List.copyOf(notAncestorExe);
  }

  /** Whether the predicate constrains nothing. */
  public boolean isEmpty() {
    return equals(ANY);
  }

  boolean test(EventView v) {
    ProcessView p = v.subject;
    if (!exe.isEmpty() && !anyMatch(exe, p.exe())) {
      return false;
    }
    if (!notExe.isEmpty() && anyMatch(notExe, p.exe())) {
      return false;
    }
    if (!argv.isEmpty() && !anyFound(argv, v.cmdline())) {
      return false;
    }
    if (!uid.isEmpty() && (p.uid() == null || !uid.contains(p.uid()))) {
      return false;
    }
    if (!euid.isEmpty() && (p.euid() == null || !euid.contains(p.euid()))) {
      return false;
    }
    if (uidChanged != null && uidChanged != uidChanged(v)) {
      return false;
    }
    if (!ancestorExe.isEmpty() && !anyAncestorMatches(ancestorExe, p)) {
      return false;
    }
    return notAncestorExe.isEmpty() || !anyAncestorMatches(notAncestorExe, p);
  }

  private static boolean anyFound(List<Pattern> patterns, String text) {
    for (Pattern r : patterns) {
      if (r.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyAncestorMatches(List<Glob> globs, ProcessView p) {
    for (Ancestor a : p.ancestors()) {
      if (anyMatch(globs, a.exe())) {
        return true;
      }
    }
    return false;
  }

  private static boolean uidChanged(EventView v) {
    ProcessView p = v.subject;
    for (Ancestor a : p.ancestors()) {
      if (a.pid() == p.pid()) {
        return a.uid() != null && p.uid() != null && !a.uid().equals(p.uid());
      }
    }
    return false;
  }

  /** Indexed, as it runs for every glob of every rule step an event meets: no iterator. */
  static boolean anyMatch(List<Glob> globs, String value) {
    if (value == null) {
      return false;
    }
    for (int i = 0; i < globs.size(); i++) {
      if (globs.get(i).matches(value)) {
        return true;
      }
    }
    return false;
  }
}
