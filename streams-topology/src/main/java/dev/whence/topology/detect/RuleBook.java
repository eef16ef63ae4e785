package dev.whence.topology.detect;

import dev.whence.avro.RejectedInput;
import dev.whence.avro.RuleSource;
import dev.whence.avro.SourceKind;
import dev.whence.graph.detect.Rule;
import dev.whence.topology.rules.LoadedRule;
import dev.whence.topology.rules.RuleError;
import dev.whence.topology.rules.RuleLoader;
import dev.whence.topology.rules.RuleSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force: the bundled pack overridden by the rules published on {@code whence.rules}
 * (by rule id; {@code enabled=false} withdraws a rule, a tombstone restores the bundled one). A
 * published rule that does not load keeps the rule in force before it and is reported as a {@link
 * RejectedInput} with stage {@code rule}.
 */
public final class RuleBook {

  /** Largest rule text accepted from the topic. */
  static final int MAX_TEXT_CHARS = RuleLoader.MAX_FILE_BYTES;

  private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

  private final RuleSet bundled;
  private final RuleLoader loader = new RuleLoader();
  private RuleSet current;

  /** A book holding the bundled rules. */
  public RuleBook(RuleSet bundled) {
    this.bundled = bundled;
    this.current = bundled;
  }

  /** The rules in force. */
  public RuleSet current() {
    return current;
  }

  /**
   * What the rules become with these published sources (key rule id).
   *
   * @param receivedNanos time stamped on the rejections
   */
  public Update update(Map<String, RuleSource> published, long receivedNanos) {
    Map<String, LoadedRule> merged = new TreeMap<>();
    for (LoadedRule l : bundled.loaded()) {
      merged.put(l.rule().id(), l);
    }
    List<RejectedInput> rejections = new ArrayList<>();
    for (Map.Entry<String, RuleSource> e : new TreeMap<>(published).entrySet()) {
      String id = e.getKey();
      RuleSource source = e.getValue();
      if (source == null) {
        continue;
      }
      if (!source.getEnabled()) {
        merged.remove(id);
        continue;
      }
      String problem;
      List<RuleError> errors = new ArrayList<>();
      String origin = source.getOrigin() == null ? "whence.rules/" + id : source.getOrigin();
      if (source.getText().length() > MAX_TEXT_CHARS) {
        problem = "rule text longer than " + MAX_TEXT_CHARS + " characters";
      } else {
        List<LoadedRule> parsed = loader.parse(origin, source.getText(), errors);
        if (!errors.isEmpty()) {
          problem = errors.get(0).toString();
        } else if (parsed.size() != 1) {
          problem = "expected exactly one rule, found " + parsed.size();
        } else if (!parsed.get(0).rule().id().equals(id)) {
          problem = "rule id '" + parsed.get(0).rule().id() + "' differs from the record key";
        } else {
          merged.put(id, withVersion(parsed.get(0), source.getVersion()));
          continue;
        }
      }
      LOG.warn("rule {} from whence.rules refused, keeping the previous one: {}", id, problem);
      rejections.add(rejection(id, source, problem, receivedNanos));
      current.rule(id).ifPresentOrElse(l -> merged.put(id, l), () -> merged.remove(id));
    }
    RuleSet next = new RuleSet(new ArrayList<>(merged.values()));
    boolean changed = !next.fingerprint().equals(current.fingerprint());
    current = next;
    return new Update(next, changed, rejections);
  }

  private static LoadedRule withVersion(LoadedRule l, int version) {
    Rule r = l.rule();
    if (version <= r.version()) {
      return l;
    }
    Rule v =
        new Rule(
            r.id(),
            version,
            r.title(),
            r.severity(),
            r.score(),
            r.techniques(),
            r.within(),
            r.steps(),
            r.suppressions());
    return new LoadedRule(v, l.origin(), l.line(), l.text());
  }

  private static RejectedInput rejection(
      String id, RuleSource source, String problem, long receivedNanos) {
    byte[] text = source.getText().getBytes(StandardCharsets.UTF_8);
    int max = 65_536;
    boolean truncated = text.length > max;
    return RejectedInput.newBuilder()
        .setHost("")
        .setSource(SourceKind.UNKNOWN)
        .setStage("rule")
        .setReasonCode("RULE_INVALID")
        .setReason("rule " + id + " version " + source.getVersion() + ": " + problem)
        .setOrigin(source.getOrigin())
        .setReceivedNanos(receivedNanos)
        .setBytes(ByteBuffer.wrap(truncated ? java.util.Arrays.copyOf(text, max) : text))
        .setTruncated(truncated)
        .build();
  }

  /** A published record that is no readable RuleSource. */
  static RejectedInput unreadable(String id, byte[] bytes, String problem, long receivedNanos) {
    int max = 65_536;
    boolean truncated = bytes.length > max;
    return RejectedInput.newBuilder()
        .setHost("")
        .setSource(SourceKind.UNKNOWN)
        .setStage("rule")
        .setReasonCode("RULE_UNREADABLE")
        .setReason("rule record " + id + " is no RuleSource: " + problem)
        .setOrigin(null)
        .setReceivedNanos(receivedNanos)
        .setBytes(ByteBuffer.wrap(truncated ? java.util.Arrays.copyOf(bytes, max) : bytes))
        .setTruncated(truncated)
        .build();
  }

  /**
   * The outcome of an update.
   *
   * @param changed whether the rules in force differ from before
   * @param rejections published rules refused
   */
  public record Update(RuleSet rules, boolean changed, List<RejectedInput> rejections) {}
}
