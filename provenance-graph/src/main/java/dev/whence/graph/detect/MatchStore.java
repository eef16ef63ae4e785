package dev.whence.graph.detect;

import java.util.List;

/**
 * The port through which the {@link Detector} keeps partial matches, keyed by graph node id (or by
 * a path name key for {@link LinkKind#NAMED_IN_ARGV}). Implementations index each key by the
 * earliest expiry of its matches so that {@link #keysDueBy} finds the ones to clean.
 */
public interface MatchStore {

  /** The matches stored under {@code key}, empty when none. */
  List<PartialMatch> get(String key);

  /** Replaces the matches under {@code key}; an empty list deletes the key. */
  void put(String key, List<PartialMatch> matches);

  /** Deletes the matches under {@code key}. */
  default void delete(String key) {
    put(key, List.of());
  }

  /** Up to {@code max} keys holding a match that expires at or before {@code nanos}. */
  List<String> keysDueBy(long nanos, int max);
}
