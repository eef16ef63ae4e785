package dev.whence.graph.detect;

/** How urgent an alert is, lowest first; same symbols as the Avro {@code Severity} enum. */
public enum Severity {
  INFO(10),
  LOW(25),
  MEDIUM(50),
  HIGH(75),
  CRITICAL(90);

  private final int baseScore;

  Severity(int baseScore) {
    this.baseScore = baseScore;
  }

  /** Score of an alert of this severity with a one-event chain. */
  public int baseScore() {
    return baseScore;
  }
}
