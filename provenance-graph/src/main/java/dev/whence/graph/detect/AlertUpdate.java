package dev.whence.graph.detect;

import java.util.List;

/**
 * A new or grown alert, mirroring the Avro {@code Alert} (key on {@code whence.alerts}: {@link
 * #id}). The id is a name-based UUID of the rule id and the first matched event id, so a replay
 * gives the same ids and a growing chain keeps its id.
 *
 * @param score 0 to 100, from the severity and the length of the chain
 * @param host host of the last event of the chain
 * @param chain matched events in the order the alert learnt them: the first matched event first, an
 *     update keeps every event of the previous one (all but its last once the chain is full) and
 *     ends with the event that caused it
 */
public record AlertUpdate(
    String id,
    String ruleId,
    int ruleVersion,
    String title,
    Severity severity,
    double score,
    List<String> techniques,
    String host,
    long firstSeenNanos,
    long lastSeenNanos,
    List<ChainStep> chain) {

  /** Copies lists defensively. */
  public AlertUpdate {
    techniques = List.copyOf(techniques);
    chain = List.copyOf(chain);
  }
}
