package dev.whence.graph.incident;

import dev.whence.graph.detect.Rule;
import dev.whence.graph.detect.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the built-in lateral-movement correlation raises: rule id, version, title, severity,
 * techniques, and how long after the accept an alert on the server host still counts.
 */
public record LateralMovementRule(
    String id,
    int version,
    String title,
    Severity severity,
    List<String> techniques,
    Duration within) {

  /** The rule id of the default pack. */
  public static final String ID = "lateral-movement";

  /** Validates and copies. */
  public LateralMovementRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    techniques = List.copyOf(techniques);
    if (within == null || within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("within must be positive, got " + within);
    }
  }

  /** The built-in defaults: T1021, high, 10 minutes. */
  public static LateralMovementRule defaults() {
    return new LateralMovementRule(
        ID,
        1,
        "Connection from one watched host led to an alert on another",
        Severity.HIGH,
        List.of("T1021"),
        Duration.ofMinutes(10));
  }

  /** Takes title, version, severity, techniques and time bound from a loaded rule of that id. */
  public static LateralMovementRule of(Rule rule) {
    return new LateralMovementRule(
        rule.id(), rule.version(), rule.title(), rule.severity(), rule.techniques(), rule.within());
  }

  /** The rule of id {@link #ID} among {@code rules}; empty when it is not there (withdrawn). */
  public static Optional<LateralMovementRule> from(List<Rule> rules) {
    return rules.stream().filter(r -> r.id().equals(ID)).findFirst().map(LateralMovementRule::of);
  }
}
