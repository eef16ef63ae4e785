package dev.whence.graph.detect;

import dev.whence.graph.model.Operation;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One step of a rule: a predicate on an event and, from the second step on, how the event must be
 * linked to the chain matched so far.
 *
 * @param name short name shown in explanations
 * @param operations operations of which the event must have one (never empty)
 * @param success true: the operation must have succeeded; false: failed; null: either
 * @param access direction of data access the event must have
 * @param subject predicate on the acting process
 * @param object predicate on the objects
 * @param links how the event relates to the previous step (any of them); empty for the first step
 * @param from for a {@link LinkKind#FLOW} link, where the information must have arrived
 * @param otherHost whether the event must happen on another host than the chain's first event
 *     (lateral movement: flows between watched hosts share their node)
 */
public record Step(
    String name,
    Set<Operation> operations,
    Boolean success,
    Access access,
    SubjectPredicate subject,
    ObjectPredicate object,
    Set<LinkKind> links,
    FlowOrigin from,
    boolean otherHost) {

  /**
   * Validates and copies; operations and links iterate in the order of their enums, so the detector
   * visits them (and picks among copies of a match) alike on every JVM run, and testing one is a
   * bit test.
   */
  public Step {
    Objects.requireNonNull(name, "name");
    if (operations.isEmpty()) {
      throw new IllegalArgumentException("step '" + name + "' names no operation");
    }
    operations = Collections.unmodifiableSet(EnumSet.copyOf(operations));
    access = access == null ? Access.ANY : access;
    subject = subject == null ? SubjectPredicate.ANY : subject;
    object = object == null ? ObjectPredicate.ANY : object;
    links = links.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(links));
    from = from == null ? FlowOrigin.ANY : from;
  }

  /** Whether the event satisfies this step's predicate (links aside). */
  boolean test(EventView v) {
    if (!operations.contains(v.operation)) {
      return false;
    }
    if (success != null && success != v.success) {
      return false;
    }
    if (access == Access.READ && !v.reads || access == Access.WRITE && !v.writes) {
      return false;
    }
    return subject.test(v) && object.test(v);
  }
}
