package dev.whence.topology.detect;

import dev.whence.avro.Alert;
import dev.whence.graph.build.GraphUpdate;
import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.detect.Detector;
import dev.whence.graph.detect.DetectorConfig;
import dev.whence.graph.detect.DetectorCounters;
import dev.whence.graph.detect.MatchStore;
import dev.whence.graph.model.SystemEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The detection of one stream task: a {@link Detector} over the task's match store, with the rules
 * of a {@link RuleBook} refreshed from the published rules whenever their fingerprint changes.
 */
public final class TaskDetection {

  private final PublishedRules published;
  private final Detector detector;

  /** Detection with the book's current rules over {@code matches}. */
  public TaskDetection(RuleBook book, MatchStore matches, DetectorConfig config) {
    this.published = new PublishedRules(book);
    this.detector = new Detector(book.current().rules(), matches, config);
  }

  /** The alerts raised or grown by one applied (not rejected, not duplicate) event. */
  public List<Alert> apply(SystemEvent event, GraphUpdate update) {
    List<AlertUpdate> updates = detector.apply(event, update);
    if (updates.isEmpty()) {
      return List.of();
    }
    List<Alert> alerts = new ArrayList<>(updates.size());
    for (AlertUpdate u : updates) {
      alerts.add(AlertRecords.alert(u));
    }
    return alerts;
  }

  /** Drops partial matches whose time bound passed at {@code streamTimeNanos}. */
  public int expire(long streamTimeNanos) {
    return detector.expire(streamTimeNanos);
  }

  /** The sum of the detector's running totals, which changes whenever one of them does. */
  public long progress() {
    return detector.progress();
  }

  /** The detector's running totals. */
  public DetectorCounters counters() {
    return detector.counters();
  }

  /** The rules in force. */
  public RuleBook book() {
    return published.book();
  }

  /**
   * Re-reads the published rules (key rule id, value the serialized {@code RuleSource}) when their
   * content changed since the last call, and sets the detector's rules if they changed.
   *
   * @param entries visits every published entry
   * @param rejected receives each published rule that was refused
   * @return whether the rules in force changed
   */
  public boolean refresh(
      Consumer<BiConsumer<String, byte[]>> entries,
      long nowNanos,
      Consumer<dev.whence.avro.RejectedInput> rejected) {
    Optional<RuleBook.Update> u = published.refresh(entries, nowNanos, rejected);
    if (u.isEmpty() || !u.get().changed()) {
      return false;
    }
    detector.setRules(u.get().rules().rules());
    return true;
  }
}
