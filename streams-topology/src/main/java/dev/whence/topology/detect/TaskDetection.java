package dev.whence.topology.detect;

import dev.whence.avro.Alert;
import dev.whence.avro.RuleSource;
import dev.whence.graph.build.GraphUpdate;
import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.detect.Detector;
import dev.whence.graph.detect.DetectorConfig;
import dev.whence.graph.detect.DetectorCounters;
import dev.whence.graph.detect.MatchStore;
import dev.whence.graph.model.SystemEvent;
import dev.whence.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The detection of one stream task: a {@link Detector} over the task's match store, with the rules
 * of a {@link RuleBook} refreshed from the published rules whenever their fingerprint changes.
 */
public final class TaskDetection {

  private final RuleBook book;
  private final Detector detector;
  private byte[] publishedFingerprint;

  /** Detection with the book's current rules over {@code matches}. */
  public TaskDetection(RuleBook book, MatchStore matches, DetectorConfig config) {
    this.book = book;
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

  /** The detector's running totals. */
  public DetectorCounters counters() {
    return detector.counters();
  }

  /** The rules in force. */
  public RuleBook book() {
    return book;
  }

  /**
   * Re-reads the published rules (key rule id, value the serialized {@code RuleSource}) when their
   * content changed since the last call, and sets the detector's rules if they changed.
   *
   * @param published visits every published entry
   * @param rejected receives each published rule that was refused
   * @return whether the rules in force changed
   */
  public boolean refresh(
      Consumer<BiConsumer<String, byte[]>> published,
      long nowNanos,
      Consumer<dev.whence.avro.RejectedInput> rejected) {
    MessageDigest sha = sha256();
    Map<String, byte[]> raw = new HashMap<>();
    published.accept(
        (id, bytes) -> {
          raw.put(id, bytes);
          sha.update(id.getBytes(StandardCharsets.UTF_8));
          sha.update((byte) 0);
          if (bytes != null) {
            sha.update(bytes);
          }
          sha.update((byte) 1);
        });
    byte[] fingerprint = sha.digest();
    if (publishedFingerprint != null && MessageDigest.isEqual(fingerprint, publishedFingerprint)) {
      return false;
    }
    publishedFingerprint = fingerprint;
    Map<String, RuleSource> sources = new HashMap<>();
    for (Map.Entry<String, byte[]> e : raw.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      try {
        sources.put(
            e.getKey(),
            Topics.RULES.value().deserializer().deserialize(Topics.RULES.name(), e.getValue()));
      } catch (RuntimeException ex) {
        rejected.accept(RuleBook.unreadable(e.getKey(), e.getValue(), ex.getMessage(), nowNanos));
      }
    }
    RuleBook.Update u = book.update(sources, nowNanos);
    u.rejections().forEach(rejected);
    if (u.changed()) {
      detector.setRules(u.rules().rules());
    }
    return u.changed();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
