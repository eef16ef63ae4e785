package dev.whence.topology.rules;

import dev.whence.graph.detect.Rule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A consistent set of rules (ids unique), sorted by id, with a fingerprint that changes whenever a
 * rule's id, version or text changes.
 */
public record RuleSet(List<LoadedRule> loaded) {

  /** Sorts and copies; ids must be unique (the loader checks it with lines). */
  public RuleSet {
    loaded = loaded.stream().sorted(Comparator.comparing(l -> l.rule().id())).toList();
  }

  /** The rules, by id order, for {@code Detector}. */
  public List<Rule> rules() {
    return loaded.stream().map(LoadedRule::rule).toList();
  }

  /** The rule with this id. */
  public Optional<LoadedRule> rule(String id) {
    return loaded.stream().filter(l -> l.rule().id().equals(id)).findFirst();
  }

  /** SHA-256 (hex, first 16 characters) over the ids, versions and texts. */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (LoadedRule l : loaded) {
        sha.update(
            (l.rule().id() + "\n" + l.rule().version() + "\n" + l.text() + "\n\0")
                .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
