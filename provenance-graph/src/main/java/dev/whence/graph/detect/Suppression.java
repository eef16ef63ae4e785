package dev.whence.graph.detect;

import java.util.Objects;

/**
 * An allow-list entry of a rule: an event it covers matches no step of the rule. Every non-empty
 * part must hold.
 *
 * @param reason why the look-alike is benign, for the analyst
 * @param subject predicate on the acting process (exe, user, ancestry, command line)
 * @param object predicate on the objects (paths)
 * @param after when not null, the event's objects or process must have received information from an
 *     earlier event matching this step within the rule's time bound (for instance: a binary in /tmp
 *     written by a compiler)
 */
public record Suppression(
    String reason, SubjectPredicate subject, ObjectPredicate object, Step after) {

  /** Validates. */
  public Suppression {
    Objects.requireNonNull(reason, "reason");
    subject = subject == null ? SubjectPredicate.ANY : subject;
    object = object == null ? ObjectPredicate.ANY : object;
    if (subject.isEmpty() && object.isEmpty() && after == null) {
      throw new IllegalArgumentException("suppression '" + reason + "' constrains nothing");
    }
  }

  /** Whether the event is covered, leaving {@link #after} aside. */
  boolean testDirect(EventView v) {
    return subject.test(v) && object.test(v);
  }
}
