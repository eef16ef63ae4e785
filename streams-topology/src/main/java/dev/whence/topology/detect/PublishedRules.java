package dev.whence.topology.detect;

import dev.whence.avro.RejectedInput;
import dev.whence.avro.RuleSource;
import dev.whence.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Feeds the rules published on {@code whence.rules} (a store of rule id to serialized {@link
 * RuleSource}) into a {@link RuleBook}, only when their content changed since the last read (a
 * SHA-256 fingerprint of every id and value). Not thread-safe: one per task.
 */
public final class PublishedRules {

  private final RuleBook book;
  private byte[] fingerprint;

  /** Published rules overriding the rules of {@code book}. */
  public PublishedRules(RuleBook book) {
    this.book = book;
  }

  /** The rules in force. */
  public RuleBook book() {
    return book;
  }

  /**
   * Re-reads the published rules when their content changed.
   *
   * @param published visits every published entry (rule id, serialized source or null)
   * @param rejected receives each published rule that cannot be read or was refused
   * @return the book's update, or empty when the published content is as last read
   */
  public Optional<RuleBook.Update> refresh(
      Consumer<BiConsumer<String, byte[]>> published,
      long nowNanos,
      Consumer<RejectedInput> rejected) {
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
    byte[] digest = sha.digest();
    if (fingerprint != null && MessageDigest.isEqual(digest, fingerprint)) {
      return Optional.empty();
    }
    fingerprint = digest;
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
    return Optional.of(u);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
