package dev.whence.topology.rules;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.whence.graph.detect.Access;
import dev.whence.graph.detect.AddressClass;
import dev.whence.graph.detect.FlowOrigin;
import dev.whence.graph.detect.Glob;
import dev.whence.graph.detect.LinkKind;
import dev.whence.graph.detect.ObjectPredicate;
import dev.whence.graph.detect.Rule;
import dev.whence.graph.detect.Severity;
import dev.whence.graph.detect.Step;
import dev.whence.graph.detect.SubjectPredicate;
import dev.whence.graph.detect.Suppression;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads detection rules from YAML (the language is described in {@code rules/README.md}). A file
 * holds one rule per YAML document (documents separated by {@code ---} lines). Every problem is
 * reported with its file and line; unknown keys are errors, so that a typo never silently widens a
 * rule.
 */
public final class RuleLoader {
  /** Largest rule file accepted. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*(#.*)?$");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
  private static final Set<String> RULE_KEYS =
      Set.of(
          "id",
          "version",
          "title",
          "description",
          "severity",
          "score",
          "techniques",
          "within",
          "steps",
          "suppress");
  private static final Set<String> STEP_KEYS =
      Set.of(
          "name",
          "operation",
          "success",
          "access",
          "subject",
          "object",
          "link",
          "from",
          "other-host");
  private static final Set<String> SUBJECT_KEYS =
      Set.of("exe", "not-exe", "argv", "uid", "euid", "uid-changed", "ancestor", "not-ancestor");
  private static final Set<String> OBJECT_KEYS =
      Set.of("kind", "path", "not-path", "address", "port", "local-port", "fd", "other-process");
  private static final Set<String> SUPPRESSION_KEYS =
      Set.of("reason", "subject", "object", "after");

  private final YAMLFactory factory;

  /** A loader with bounded YAML parsing. */
  public RuleLoader() {
    factory =
        YAMLFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(65_536).build())
            .build();
  }

  /** Every {@code *.yaml} and {@code *.yml} file of {@code dir} (not recursive), by name order. */
  public RuleSet loadDirectory(Path dir) throws IOException, RuleLoadException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    for (Path f : files) {
      if (Files.size(f) > MAX_FILE_BYTES) {
        throw new RuleLoadException(
            List.of(
                new RuleError(f.toString(), 0, "file larger than " + MAX_FILE_BYTES + " bytes")));
      }
      texts.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
    }
    return load(texts);
  }

  /** Parses texts by origin (file name); refuses the whole set if any rule is invalid. */
  public RuleSet load(Map<String, String> textsByOrigin) throws RuleLoadException {
    List<LoadedRule> rules = new ArrayList<>();
    List<RuleError> errors = new ArrayList<>();
    Map<String, LoadedRule> byId = new HashMap<>();
    for (Map.Entry<String, String> e : textsByOrigin.entrySet()) {
      for (LoadedRule r : parse(e.getKey(), e.getValue(), errors)) {
        LoadedRule before = byId.putIfAbsent(r.rule().id(), r);
        if (before != null) {
          errors.add(
              new RuleError(
                  r.origin(),
                  r.line(),
                  "rule id '"
                      + r.rule().id()
                      + "' is already defined at "
                      + before.origin()
                      + ":"
                      + before.line()));
        } else {
          rules.add(r);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleLoadException(errors);
    }
    return new RuleSet(rules);
  }

  /** Parses one text; valid rules are returned, errors appended to {@code errors}. */
  public List<LoadedRule> parse(String origin, String text, List<RuleError> errors) {
    List<LoadedRule> out = new ArrayList<>();
    int start = 0;
    Matcher m = SEPARATOR.matcher(text);
    List<int[]> docs = new ArrayList<>();
    while (m.find()) {
      docs.add(new int[] {start, m.start(), 1 + countLines(text, 0, start)});
      start = m.end();
    }
    docs.add(new int[] {start, text.length(), 1 + countLines(text, 0, start)});
    for (int[] d : docs) {
      String doc = text.substring(d[0], d[1]);
      int offset = d[2] - 1;
      try {
        YamlNode root = YamlNode.read(factory, doc);
        if (root == null) {
          continue;
        }
        Rule rule = rule(root);
        out.add(new LoadedRule(rule, origin, root.line() + offset, doc.strip() + "\n"));
      } catch (YamlNode.SyntaxException ex) {
        errors.add(new RuleError(origin, ex.line + offset, "not valid YAML: " + ex.getMessage()));
      } catch (Invalid ex) {
        errors.add(new RuleError(origin, ex.line + offset, ex.getMessage()));
      }
    }
    return out;
  }

  private static int countLines(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  /** A rule text problem at a line. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;

    Invalid(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  private Rule rule(YamlNode root) {
    YamlNode.Mapping m = mapping(root, "a rule");
    checkKeys(m, RULE_KEYS, "rule");
    String id = requiredText(m, "id");
    int version = (int) integer(required(m, "version"), 0, Integer.MAX_VALUE);
    String title = requiredText(m, "title");
    if (m.values().containsKey("description")) {
      text(m.values().get("description"));
    }
    Severity severity = enumValue(required(m, "severity"), Severity.class, "severity");
    Double score = null;
    if (m.values().containsKey("score")) {
      score = (double) integer(m.values().get("score"), 0, 100);
    }
    List<String> techniques = texts(m.values().get("techniques"));
    Duration within = duration(required(m, "within"));
    YamlNode stepsNode = required(m, "steps");
    List<Step> steps = new ArrayList<>();
    List<YamlNode> items = list(stepsNode, "steps");
    if (items.isEmpty()) {
      throw new Invalid(stepsNode.line(), "a rule needs at least one step");
    }
    for (int i = 0; i < items.size(); i++) {
      steps.add(step(items.get(i), i));
    }
    List<Suppression> suppressions = new ArrayList<>();
    if (m.values().containsKey("suppress")) {
      for (YamlNode s : list(m.values().get("suppress"), "suppress")) {
        suppressions.add(suppression(s));
      }
    }
    try {
      return new Rule(id, version, title, severity, score, techniques, within, steps, suppressions);
    } catch (IllegalArgumentException e) {
      throw new Invalid(root.line(), e.getMessage());
    }
  }

  private Step step(YamlNode node, int index) {
    YamlNode.Mapping m = mapping(node, "a step");
    checkKeys(m, STEP_KEYS, "step");
    String name =
        m.values().containsKey("name") ? text(m.values().get("name")) : "step " + (index + 1);
    YamlNode ops = required(m, "operation");
    Set<Operation> operations = enums(ops, Operation.class, "operation");
    if (operations.isEmpty()) {
      throw new Invalid(ops.line(), "a step needs at least one operation");
    }
    Boolean success = true;
    if (m.values().containsKey("success")) {
      YamlNode s = m.values().get("success");
      String t = text(s).toLowerCase(Locale.ROOT);
      success =
          switch (t) {
            case "true" -> true;
            case "false" -> false;
            case "any" -> null;
            default ->
                throw new Invalid(s.line(), "success must be true, false or any, got '" + t + "'");
          };
    }
    Access access =
        m.values().containsKey("access")
            ? enumValue(m.values().get("access"), Access.class, "access")
            : Access.ANY;
    Set<LinkKind> links =
        m.values().containsKey("link")
            ? enums(m.values().get("link"), LinkKind.class, "link")
            : Set.of();
    if (index == 0 && !links.isEmpty()) {
      throw new Invalid(m.keyLines().get("link"), "the first step cannot have a link");
    }
    if (index > 0 && links.isEmpty()) {
      throw new Invalid(
          node.line(),
          "step " + (index + 1) + " ('" + name + "') needs a link to the previous step");
    }
    FlowOrigin from =
        m.values().containsKey("from")
            ? enumValue(m.values().get("from"), FlowOrigin.class, "from")
            : FlowOrigin.ANY;
    boolean otherHost = m.values().containsKey("other-host") && bool(m.values().get("other-host"));
    try {
      return new Step(
          name,
          operations,
          success,
          access,
          subject(m.values().get("subject")),
          object(m.values().get("object")),
          links,
          from,
          otherHost);
    } catch (IllegalArgumentException e) {
      throw new Invalid(node.line(), e.getMessage());
    }
  }

  private Suppression suppression(YamlNode node) {
    YamlNode.Mapping m = mapping(node, "a suppression");
    checkKeys(m, SUPPRESSION_KEYS, "suppression");
    String reason = requiredText(m, "reason");
    Step after = m.values().containsKey("after") ? step(m.values().get("after"), 0) : null;
    try {
      return new Suppression(
          reason, subject(m.values().get("subject")), object(m.values().get("object")), after);
    } catch (IllegalArgumentException e) {
      throw new Invalid(node.line(), e.getMessage());
    }
  }

  private SubjectPredicate subject(YamlNode node) {
    if (node == null) {
      return SubjectPredicate.ANY;
    }
    YamlNode.Mapping m = mapping(node, "a subject predicate");
    checkKeys(m, SUBJECT_KEYS, "subject");
    Map<String, YamlNode> v = m.values();
    return new SubjectPredicate(
        globs(v.get("exe")),
        globs(v.get("not-exe")),
        regexes(v.get("argv")),
        longs(v.get("uid")),
        longs(v.get("euid")),
        v.containsKey("uid-changed") ? bool(v.get("uid-changed")) : null,
        globs(v.get("ancestor")),
        globs(v.get("not-ancestor")));
  }

  private ObjectPredicate object(YamlNode node) {
    if (node == null) {
      return ObjectPredicate.ANY;
    }
    YamlNode.Mapping m = mapping(node, "an object predicate");
    checkKeys(m, OBJECT_KEYS, "object");
    Map<String, YamlNode> v = m.values();
    return new ObjectPredicate(
        v.containsKey("kind") ? enums(v.get("kind"), ObjectKind.class, "kind") : Set.of(),
        globs(v.get("path")),
        globs(v.get("not-path")),
        v.containsKey("address")
            ? enums(v.get("address"), AddressClass.class, "address")
            : Set.of(),
        ints(v.get("port"), 0, 65535),
        ints(v.get("local-port"), 0, 65535),
        ints(v.get("fd"), 0, Integer.MAX_VALUE),
        v.containsKey("other-process") ? bool(v.get("other-process")) : null);
  }

  private static void checkKeys(YamlNode.Mapping m, Set<String> allowed, String what) {
    for (Map.Entry<String, Integer> k : m.keyLines().entrySet()) {
      if (!allowed.contains(k.getKey())) {
        throw new Invalid(
            k.getValue(),
            "unknown "
                + what
                + " key '"
                + k.getKey()
                + "'; allowed: "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  private static YamlNode.Mapping mapping(YamlNode node, String what) {
    if (node instanceof YamlNode.Mapping m) {
      return m;
    }
    throw new Invalid(node.line(), "expected " + what + " (a mapping)");
  }

  private static YamlNode required(YamlNode.Mapping m, String key) {
    YamlNode v = m.values().get(key);
    if (v == null || v instanceof YamlNode.Scalar s && s.text() == null) {
      throw new Invalid(v == null ? m.line() : v.line(), "missing required key '" + key + "'");
    }
    return v;
  }

  private static String requiredText(YamlNode.Mapping m, String key) {
    String t = text(required(m, key));
    if (t.isBlank()) {
      throw new Invalid(m.values().get(key).line(), "'" + key + "' is empty");
    }
    return t;
  }

  private static String text(YamlNode node) {
    if (node instanceof YamlNode.Scalar s && s.text() != null) {
      return s.text();
    }
    throw new Invalid(node.line(), "expected a single value");
  }

  private static List<YamlNode> list(YamlNode node, String what) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof YamlNode.Sequence s) {
      return s.items();
    }
    if (node instanceof YamlNode.Scalar s && s.text() != null) {
      return List.of(node);
    }
    throw new Invalid(node.line(), "expected a list of " + what);
  }

  private static List<String> texts(YamlNode node) {
    return list(node, "values").stream().map(RuleLoader::text).toList();
  }

  private static <T> List<T> each(YamlNode node, String what, Function<YamlNode, T> f) {
    return list(node, what).stream().map(f).toList();
  }

  private static List<Glob> globs(YamlNode node) {
    return each(
        node,
        "globs",
        n -> {
          try {
            return Glob.of(text(n));
          } catch (IllegalArgumentException e) {
            throw new Invalid(n.line(), e.getMessage());
          }
        });
  }

  private static List<Pattern> regexes(YamlNode node) {
    return each(
        node,
        "regular expressions",
        n -> {
          try {
            return Pattern.compile(text(n));
          } catch (PatternSyntaxException e) {
            throw new Invalid(
                n.line(), "invalid regular expression '" + text(n) + "': " + e.getDescription());
          }
        });
  }

  private static Set<Long> longs(YamlNode node) {
    return new LinkedHashSet<>(each(node, "numbers", n -> integer(n, 0, 4294967295L)));
  }

  private static Set<Integer> ints(YamlNode node, int min, int max) {
    return new LinkedHashSet<>(each(node, "numbers", n -> (int) integer(n, min, max)));
  }

  private static long integer(YamlNode node, long min, long max) {
    String t = text(node);
    long v;
    try {
      v = Long.parseLong(t.strip());
    } catch (NumberFormatException e) {
      throw new Invalid(node.line(), "expected a whole number, got '" + t + "'");
    }
    if (v < min || v > max) {
      throw new Invalid(node.line(), "number " + v + " outside " + min + ".." + max);
    }
    return v;
  }

  private static boolean bool(YamlNode node) {
    String t = text(node).toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return Boolean.parseBoolean(t);
    }
    throw new Invalid(node.line(), "expected true or false, got '" + t + "'");
  }

  private static Duration duration(YamlNode node) {
    String t = text(node).strip();
    Matcher m = SHORT_DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new Invalid(
          node.line(), "expected a duration such as 30s, 10m, 2h, 1d or PT90S, got '" + t + "'");
    }
  }

  private static <E extends Enum<E>> E enumValue(YamlNode node, Class<E> type, String what) {
    String t = text(node).strip();
    String symbol = t.toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(symbol)) {
        return e;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new Invalid(
        node.line(), "unknown " + what + " '" + t + "'; allowed: " + String.join(", ", allowed));
  }

  private static <E extends Enum<E>> Set<E> enums(YamlNode node, Class<E> type, String what) {
    return new LinkedHashSet<>(each(node, what, n -> enumValue(n, type, what)));
  }
}
