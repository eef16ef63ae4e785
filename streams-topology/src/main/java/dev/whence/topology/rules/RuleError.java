package dev.whence.topology.rules;

/**
 * Why a rule was refused.
 *
 * @param origin file (or other origin) of the rule text
 * @param line 1-based line of the offending value, 0 when unknown
 * @param reason what is wrong
 */
public record RuleError(String origin, int line, String reason) {

  /** {@code origin:line: reason}. */
  @Override
  public String toString() {
    return origin + ":" + line + ": " + reason;
  }
}
