package dev.whence.graph.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain that matched the first {@code matchedSteps} steps of a rule, carried on graph nodes. A
 * match with every step matched is complete: it stays on its nodes until it expires, so that
 * further events matching the last step grow the same alert. Copies of a match moved along
 * different edges keep its alert id and may grow apart; the detector therefore also keeps, under an
 * alert key, the chain it last reported for each alert id and reports every copy's growth as a
 * continuation of it ({@link #continuing}). A marker ({@code matchedSteps == MARKER}) records that
 * information from an event matching a suppression's {@code after} predicate reached a node.
 *
 * @param alertId the alert id this chain reports under
 * @param matchedSteps how many steps matched, or {@link #MARKER}
 * @param marker index of the suppression for a marker, else -1
 * @param firstHost host of the first matched event
 * @param expiresNanos event time after which the match is dropped
 */
public record PartialMatch(
    String ruleId,
    int ruleVersion,
    String alertId,
    int matchedSteps,
    int marker,
    String firstHost,
    long firstNanos,
    long lastNanos,
    long expiresNanos,
    List<ChainStep> chain) {

  /** {@code matchedSteps} of a marker. */
  public static final int MARKER = -1;

  /** Copies the chain defensively (a stored chain is immutable and kept as it is). */
  public PartialMatch {
    chain = chain instanceof LazyChain ? chain : List.copyOf(chain);
  }

  /** Whether this is a suppression marker. */
  public boolean isMarker() {
    return matchedSteps == MARKER;
  }

  /** Whether this match and {@code other} stand for the same chain position. */
  boolean sameSlot(PartialMatch other) {
    return ruleId.equals(other.ruleId)
        && alertId.equals(other.alertId)
        && matchedSteps == other.matchedSteps
        && marker == other.marker;
  }

  /** This match with one more event; {@code advance}: the event matched the next step. */
  PartialMatch with(ChainStep step, boolean advance, int maxChain) {
    List<ChainStep> next = new ArrayList<>(chain);
    append(next, step, maxChain);
    return new PartialMatch(
        ruleId,
        ruleVersion,
        alertId,
        advance ? matchedSteps + 1 : matchedSteps,
        marker,
        firstHost,
        firstNanos,
        Math.max(lastNanos, step.timestampNanos()),
        expiresNanos,
        next);
  }

  /**
   * Adds {@code step} to {@code chain}; a chain of {@code maxChain} steps has its last replaced.
   */
  private static void append(List<ChainStep> chain, ChainStep step, int maxChain) {
    if (chain.size() < maxChain) {
      chain.add(step);
    } else {
      chain.set(chain.size() - 1, step);
    }
  }

  /**
   * This complete match told as the continuation of {@code reported}, the story already reported
   * under the same alert id: {@code reported}'s chain with the events of this chain that it lacks
   * appended in order (beyond {@code maxChain} each replaces the last), so that what was reported
   * stays and the event just matched ends the chain. Keeps this match's expiry.
   */
  PartialMatch continuing(PartialMatch reported, int maxChain) {
    List<ChainStep> told = reported.chain;
    List<ChainStep> next = new ArrayList<>(Math.min(maxChain, told.size() + chain.size()));
    next.addAll(told);
    for (ChainStep s : chain) {
      if (!reported.contains(s.eventId())) {
        append(next, s, maxChain);
      }
    }
    return new PartialMatch(
        ruleId,
        ruleVersion,
        alertId,
        matchedSteps,
        marker,
        firstHost,
        Math.min(firstNanos, reported.firstNanos),
        Math.max(lastNanos, reported.lastNanos),
        expiresNanos,
        next);
  }

  /** This match with another expiry. */
  PartialMatch expiringAt(long nanos) {
    return new PartialMatch(
        ruleId,
        ruleVersion,
        alertId,
        matchedSteps,
        marker,
        firstHost,
        firstNanos,
        lastNanos,
        nanos,
        chain);
  }

  /** Whether the chain already contains the event. */
  boolean contains(String eventId) {
    for (ChainStep s : chain) {
      if (s.eventId().equals(eventId)) {
        return true;
      }
    }
    return false;
  }
}
