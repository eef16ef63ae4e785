package dev.whence.graph.detect;

import dev.whence.graph.model.ObjectKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A predicate on the object(s) of the event; every non-empty (non-null) part must hold.
 *
 * @param kind object kinds of which the main object must have one
 * @param path globs of which a path of the event (main object, or the new name of a rename or link)
 *     must match one; relative paths are resolved against the process's working directory
 * @param notPath globs of which no path of the event may match any
 * @param address address classes of which the remote address must have one
 * @param port remote ports of which the event's must be one
 * @param localPort local ports of which the event's must be one
 * @param fd descriptors of which the event's must be one (for DUP: the new descriptor)
 * @param otherProcess when true, the target process (ptrace, signal) must be another process
 */
public record ObjectPredicate(
    Set<ObjectKind> kind,
    List<Glob> path,
    List<Glob> notPath,
    Set<AddressClass> address,
    Set<Integer> port,
    Set<Integer> localPort,
    Set<Integer> fd,
    Boolean otherProcess) {

  /** A predicate that always holds. */
  public static final ObjectPredicate ANY =
      new ObjectPredicate(
          Set.of(), List.of(), List.of(), Set.of(), Set.of(), Set.of(), Set.of(), null);

  /** Copies collections defensively (kinds as an enum set: testing one is a bit test). */
  public ObjectPredicate {
    kind = kind.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kind));
    path = List.copyOf(path);
    notPath = List.copyOf(notPath);
    address = Set.copyOf(address);
    port = Set.copyOf(port);
    localPort = Set.copyOf(localPort);
    fd = Set.copyOf(fd);
  }

  /** Whether the predicate constrains nothing. */
  public boolean isEmpty() {
    return equals(ANY);
  }

  boolean test(EventView v) {
    if (!kind.isEmpty() && !kind.contains(v.objectKind)) {
      return false;
    }
    if (!path.isEmpty() && !anyPathMatches(path, v.paths)) {
      return false;
    }
    if (!notPath.isEmpty() && anyPathMatches(notPath, v.paths)) {
      return false;
    }
    if (!address.isEmpty() && (v.addressClass() == null || !address.contains(v.addressClass()))) {
      return false;
    }
    if (!port.isEmpty() && (v.remotePort == null || !port.contains(v.remotePort))) {
      return false;
    }
    if (!localPort.isEmpty() && (v.localPort == null || !localPort.contains(v.localPort))) {
      return false;
    }
    if (!fd.isEmpty() && (v.newFd == null || !fd.contains(v.newFd))) {
      return false;
    }
    return otherProcess == null
        || otherProcess
            == (v.targetPid != null && v.targetPid > 0 && v.targetPid != v.subject.pid());
  }

  private static boolean anyPathMatches(List<Glob> globs, List<String> paths) {
    for (int i = 0; i < paths.size(); i++) {
      if (SubjectPredicate.anyMatch(globs, paths.get(i))) {
        return true;
      }
    }
    return false;
  }
}
