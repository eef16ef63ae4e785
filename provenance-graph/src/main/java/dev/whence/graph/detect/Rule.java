package dev.whence.graph.detect;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A detection rule: a causal chain of ordered steps within a time bound.
 *
 * @param id stable id, lower-case letters, digits, dots and dashes
 * @param version increases with each change; partial matches of another version are dropped
 * @param title one line for an analyst
 * @param severity how urgent its alerts are
 * @param score fixed alert score 0-100, or null to derive it from severity and chain length
 * @param techniques MITRE ATT&amp;CK technique ids
 * @param within time bound from the first to the last matched event; also how long a complete chain
 *     keeps growing the same alert
 * @param steps ordered steps, at least one; the first has no links
 * @param suppressions allow-list of benign look-alikes
 */
public record Rule(
    String id,
    int version,
    String title,
    Severity severity,
    Double score,
    List<String> techniques,
    Duration within,
    List<Step> steps,
    List<Suppression> suppressions) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");
  private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

  /** Validates and copies; throws IllegalArgumentException with the reason. */
  public Rule {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "rule id '" + id + "' must be lower-case letters, digits, dots and dashes");
    }
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0, got " + version);
    }
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("rule '" + id + "' has no title");
    }
    Objects.requireNonNull(severity, "severity");
    if (score != null && (score.isNaN() || score < 0 || score > 100)) {
      throw new IllegalArgumentException("score must be within 0..100, got " + score);
    }
    techniques = List.copyOf(techniques);
    for (String t : techniques) {
      if (!TECHNIQUE.matcher(t).matches()) {
        throw new IllegalArgumentException(
            "technique '" + t + "' is no ATT&CK technique id (T1234 or T1234.567)");
      }
    }
    if (within == null || within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("rule '" + id + "' needs a positive time bound");
    }
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("rule '" + id + "' has no step");
    }
    if (!steps.get(0).links().isEmpty()) {
      throw new IllegalArgumentException("the first step of rule '" + id + "' cannot have a link");
    }
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).links().isEmpty()) {
        throw new IllegalArgumentException(
            "step "
                + (i + 1)
                + " ('"
                + steps.get(i).name()
                + "') of rule '"
                + id
                + "' needs a link to the previous step");
      }
    }
    suppressions = List.copyOf(suppressions);
  }

  /** Time bound in nanoseconds, saturated. */
  long withinNanos() {
    try {
      return within.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
