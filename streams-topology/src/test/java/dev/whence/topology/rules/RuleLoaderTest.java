package dev.whence.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.whence.graph.detect.AddressClass;
import dev.whence.graph.detect.FlowOrigin;
import dev.whence.graph.detect.LinkKind;
import dev.whence.graph.detect.Rule;
import dev.whence.graph.detect.Severity;
import dev.whence.graph.model.Operation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleLoaderTest {
  static final String VALID =
      """
      id: reverse-shell
      version: 3
      title: Shell with its standard streams on a network socket
      severity: critical
      techniques: [T1059.004, T1071]
      within: 30s
      steps:
        - name: connect
          operation: [CONNECT]
          object:
            address: [private, public]
        - name: dup
          operation: DUP
          link: same-process
          object:
            fd: [0, 1]
        - name: shell
          operation: EXECUTE
          link: [same-process, flow]
          from: subject
          subject:
            exe: ["**/bash", "**/sh"]
            argv: ["-i"]
      suppress:
        - reason: ssh sessions
          subject:
            ancestor: [/usr/sbin/sshd]
      """;

  private final RuleLoader loader = new RuleLoader();

  private RuleLoadException refused(String text) {
    return catchThrowableOfType(
        () -> loader.load(Map.of("rules/x.yaml", text)), RuleLoadException.class);
  }

  @Test
  void readsEveryPartOfARule() throws Exception {
    RuleSet set = loader.load(Map.of("rules/x.yaml", VALID));
    Rule r = set.rules().get(0);
    assertThat(r.id()).isEqualTo("reverse-shell");
    assertThat(r.version()).isEqualTo(3);
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.techniques()).containsExactly("T1059.004", "T1071");
    assertThat(r.within()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.steps()).hasSize(3);
    assertThat(r.steps().get(0).object().address())
        .containsExactlyInAnyOrder(AddressClass.PRIVATE, AddressClass.PUBLIC);
    assertThat(r.steps().get(1).operations()).containsExactly(Operation.DUP);
    assertThat(r.steps().get(1).object().fd()).containsExactlyInAnyOrder(0, 1);
    assertThat(r.steps().get(2).links())
        .containsExactlyInAnyOrder(LinkKind.SAME_PROCESS, LinkKind.FLOW);
    assertThat(r.steps().get(2).from()).isEqualTo(FlowOrigin.SUBJECT);
    assertThat(r.steps().get(2).subject().exe().get(0).matches("/usr/bin/bash")).isTrue();
    assertThat(r.steps().get(2).success()).isTrue();
    assertThat(r.suppressions())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("ssh sessions"));
    assertThat(set.loaded().get(0).origin()).isEqualTo("rules/x.yaml");
    assertThat(set.loaded().get(0).line()).isEqualTo(1);
  }

  @Test
  void readsSeveralDocumentsWithTheirOwnLinesAndTexts() throws Exception {
    String two = VALID + "---\n" + VALID.replace("reverse-shell", "other");
    RuleSet set = loader.load(Map.of("f.yaml", two));
    assertThat(set.rules()).extracting(Rule::id).containsExactly("other", "reverse-shell");
    assertThat(set.rule("other").orElseThrow().line()).isEqualTo(VALID.split("\n").length + 2);
    assertThat(set.rule("other").orElseThrow().text())
        .contains("id: other")
        .doesNotContain("reverse-shell");
  }

  @Test
  void fingerprintChangesWithAVersion() throws Exception {
    String a = loader.load(Map.of("f.yaml", VALID)).fingerprint();
    String b =
        loader.load(Map.of("f.yaml", VALID.replace("version: 3", "version: 4"))).fingerprint();
    assertThat(a).isNotEqualTo(b).hasSize(16);
    assertThat(loader.load(Map.of("f.yaml", VALID)).fingerprint()).isEqualTo(a);
  }

  @Test
  void anUnknownKeyIsRefusedWithItsLine() {
    RuleLoadException e = refused(VALID.replace("    from: subject", "    form: subject"));
    assertThat(e.errors())
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.origin()).isEqualTo("rules/x.yaml");
              assertThat(err.line()).isEqualTo(20);
              assertThat(err.reason()).contains("unknown step key 'form'");
            });
    assertThat(e.getMessage()).contains("rules/x.yaml:20: unknown step key 'form'");
  }

  @Test
  void anUnknownOperationIsRefusedWithItsLine() {
    RuleLoadException e = refused(VALID.replace("operation: DUP", "operation: DUPE"));
    assertThat(e.errors().get(0).line()).isEqualTo(13);
    assertThat(e.errors().get(0).reason()).contains("unknown operation 'DUPE'");
  }

  @Test
  void aMissingLinkIsRefusedAtItsStep() {
    RuleLoadException e = refused(VALID.replace("    link: same-process\n", ""));
    assertThat(e.errors().get(0).line()).isEqualTo(12);
    assertThat(e.errors().get(0).reason()).contains("needs a link");
  }

  @Test
  void badValuesAreRefusedWithTheirLines() {
    assertThat(refused(VALID.replace("within: 30s", "within: soon")).errors().get(0))
        .satisfies(
            err -> {
              assertThat(err.line()).isEqualTo(6);
              assertThat(err.reason()).contains("duration");
            });
    assertThat(refused(VALID.replace("T1071", "TA0011")).errors().get(0).reason())
        .contains("no ATT&CK technique id");
    assertThat(refused(VALID.replace("\"-i\"", "\"(\"")).errors().get(0))
        .satisfies(err -> assertThat(err.line()).isEqualTo(23));
    assertThat(refused(VALID.replace("fd: [0, 1]", "fd: [0, x]")).errors().get(0).line())
        .isEqualTo(16);
    assertThat(refused(VALID.replace("version: 3\n", "")).errors().get(0).reason())
        .contains("missing required key 'version'");
  }

  @Test
  void brokenYamlIsRefusedWithALine() {
    RuleLoadException e =
        refused(VALID.replace("techniques: [T1059.004, T1071]", "techniques: [T1059.004"));
    assertThat(e.errors().get(0).line()).isPositive();
    assertThat(e.errors().get(0).reason()).startsWith("not valid YAML");
  }

  @Test
  void aDuplicateIdIsRefusedWithBothPlaces() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("a.yaml", VALID);
    texts.put("b.yaml", "\n\n" + VALID);
    RuleLoadException e = catchThrowableOfType(() -> loader.load(texts), RuleLoadException.class);
    assertThat(e.errors())
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.origin()).isEqualTo("b.yaml");
              assertThat(err.line()).isEqualTo(3);
              assertThat(err.reason()).contains("already defined at a.yaml:1");
            });
  }

  @Test
  void everyErrorOfEveryDocumentIsReported() {
    String text =
        VALID.replace("severity: critical", "severity: dire")
            + "---\n"
            + VALID.replace("reverse-shell", "b").replace("operation: DUP", "operation: []");
    RuleLoadException e = refused(text);
    assertThat(e.errors()).hasSize(2);
    assertThat(e.errors().get(0).line()).isEqualTo(4);
    assertThat(e.errors().get(1).line()).isEqualTo(VALID.split("\n").length + 1 + 13);
    assertThat(Set.copyOf(List.of(e.errors().get(1).reason())))
        .allMatch(r -> r.contains("operation"));
  }
}
