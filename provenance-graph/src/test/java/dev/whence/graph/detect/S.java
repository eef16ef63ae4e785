package dev.whence.graph.detect;

import dev.whence.graph.model.Operation;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Terse builders of steps and rules for tests. */
final class S {
  private final String name;
  private final Set<Operation> ops;
  private Boolean success = true;
  private Access access = Access.ANY;
  private SubjectPredicate subject = SubjectPredicate.ANY;
  private ObjectPredicate object = ObjectPredicate.ANY;
  private Set<LinkKind> links = Set.of();
  private FlowOrigin from = FlowOrigin.ANY;
  private boolean otherHost;

  private S(String name, Operation... ops) {
    this.name = name;
    this.ops = Set.of(ops);
  }

  static S on(String name, Operation... ops) {
    return new S(name, ops);
  }

  static List<Glob> globs(String... texts) {
    return Arrays.stream(texts).map(Glob::of).toList();
  }

  S exe(String... globs) {
    subject =
        new SubjectPredicate(
            globs(globs), List.of(), List.of(), Set.of(), Set.of(), null, List.of(), List.of());
    return this;
  }

  S path(String... globs) {
    object =
        new ObjectPredicate(
            object.kind(),
            globs(globs),
            List.of(),
            object.address(),
            Set.of(),
            Set.of(),
            object.fd(),
            null);
    return this;
  }

  S address(AddressClass... classes) {
    object =
        new ObjectPredicate(
            object.kind(),
            object.path(),
            List.of(),
            Set.of(classes),
            Set.of(),
            Set.of(),
            object.fd(),
            null);
    return this;
  }

  S fd(Integer... fds) {
    object =
        new ObjectPredicate(
            object.kind(),
            object.path(),
            List.of(),
            object.address(),
            Set.of(),
            Set.of(),
            Set.of(fds),
            null);
    return this;
  }

  S access(Access a) {
    access = a;
    return this;
  }

  S link(LinkKind... kinds) {
    links = Set.of(kinds);
    return this;
  }

  S from(FlowOrigin origin) {
    from = origin;
    return this;
  }

  S otherHost() {
    otherHost = true;
    return this;
  }

  Step build() {
    return new Step(name, ops, success, access, subject, object, links, from, otherHost);
  }

  static Rule rule(String id, Duration within, S... steps) {
    return rule(id, within, List.of(), steps);
  }

  static Rule rule(String id, Duration within, List<Suppression> suppressions, S... steps) {
    return new Rule(
        id,
        1,
        "title of " + id,
        Severity.HIGH,
        null,
        List.of("T1059.004"),
        within,
        Arrays.stream(steps).map(S::build).toList(),
        suppressions);
  }
}
