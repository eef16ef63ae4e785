package dev.whence.topology.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.RuleSource;
import dev.whence.topology.rules.RuleSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleBookTest {

  private static final RuleSet BUNDLED = DefaultRules.load();

  private static RuleSource source(String id, int version, String text, boolean enabled) {
    return RuleSource.newBuilder()
        .setId(id)
        .setVersion(version)
        .setText(text)
        .setOrigin("t/" + id)
        .setEnabled(enabled)
        .setPublishedNanos(1L)
        .build();
  }

  private static String rule(String id, int version) {
    return """
        id: %s
        version: %d
        title: Marker
        severity: low
        within: 1m
        steps:
          - operation: EXECUTE
            subject:
              exe: ["**/marker"]
        """
        .formatted(id, version);
  }

  @Test
  void publishedRulesOverrideByIdAndATombstoneRestoresTheBundledRule() {
    RuleBook book = new RuleBook(BUNDLED);
    Map<String, RuleSource> published = new HashMap<>();
    published.put("exec-from-tmp", source("exec-from-tmp", 5, rule("exec-from-tmp", 2), true));
    published.put("new-one", source("new-one", 1, rule("new-one", 3), true));

    RuleBook.Update u = book.update(published, 0);
    assertThat(u.changed()).isTrue();
    assertThat(u.rejections()).isEmpty();
    assertThat(u.rules().rule("exec-from-tmp").orElseThrow().rule().version()).isEqualTo(5);
    assertThat(u.rules().rule("new-one").orElseThrow().rule().version()).isEqualTo(3);
    assertThat(u.rules().loaded()).hasSize(BUNDLED.loaded().size() + 1);

    published.put("exec-from-tmp", null);
    RuleBook.Update restored = book.update(published, 0);
    assertThat(restored.rules().rule("exec-from-tmp").orElseThrow().text())
        .isEqualTo(BUNDLED.rule("exec-from-tmp").orElseThrow().text());
    assertThat(book.update(published, 0).changed()).isFalse();
  }

  @Test
  void disabledWithdrawsAndABrokenRuleKeepsThePreviousOne() {
    RuleBook book = new RuleBook(BUNDLED);
    RuleBook.Update off =
        book.update(Map.of("reverse-shell", source("reverse-shell", 2, "", false)), 0);
    assertThat(off.rules().rule("reverse-shell")).isEmpty();

    RuleBook.Update broken =
        book.update(
            Map.of(
                "exec-from-tmp", source("exec-from-tmp", 9, "id: exec-from-tmp\nversion: [", true),
                "reverse-shell", source("reverse-shell", 3, rule("other-id", 3), true)),
            7);
    assertThat(broken.rejections()).hasSize(2);
    assertThat(broken.rejections())
        .allSatisfy(
            r -> {
              assertThat(r.getStage()).isEqualTo("rule");
              assertThat(r.getReceivedNanos()).isEqualTo(7);
            });
    assertThat(broken.rules().rule("exec-from-tmp").orElseThrow().rule().version()).isEqualTo(1);
    assertThat(broken.rules().rule("reverse-shell")).as("withdrawn before").isEmpty();
  }
}
