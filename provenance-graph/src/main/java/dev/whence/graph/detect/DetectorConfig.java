package dev.whence.graph.detect;

/**
 * Bounds of the detector's state.
 *
 * @param maxMatchesPerKey partial matches kept per node (or name key); beyond it the least
 *     advanced, soonest expiring match is dropped and counted
 * @param maxChain events kept per alert chain; beyond it the last event is replaced
 * @param maxExpiredPerCall keys cleaned per {@link Detector#expire} call
 * @param maxChainAncestors ancestors kept with each process of a chain (nearest first)
 */
public record DetectorConfig(
    int maxMatchesPerKey, int maxChain, int maxExpiredPerCall, int maxChainAncestors) {

  /** Validates. */
  public DetectorConfig {
    if (maxMatchesPerKey < 1 || maxChain < 1 || maxExpiredPerCall < 1 || maxChainAncestors < 0) {
      throw new IllegalArgumentException(
          "bounds must be >= 1, got "
              + maxMatchesPerKey
              + ", "
              + maxChain
              + ", "
              + maxExpiredPerCall);
    }
  }

  /**
   * Defaults: 32 matches per key, 32 events per chain, 10 000 keys per expiry call, 8 ancestors per
   * chain process.
   */
  public static DetectorConfig defaults() {
    return new DetectorConfig(32, 32, 10_000, 8);
  }
}
