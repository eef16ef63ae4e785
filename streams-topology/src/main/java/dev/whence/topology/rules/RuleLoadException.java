package dev.whence.topology.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when rule text is invalid; lists every error found, each with file and line. */
public final class RuleLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<RuleError> errors;

  /** An exception listing {@code errors} (at least one). */
  public RuleLoadException(List<RuleError> errors) {
    super(
        errors.size()
            + " invalid rule(s):\n"
            + errors.stream().map(RuleError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  /** The errors, in file and line order. */
  public List<RuleError> errors() {
    return errors;
  }
}
