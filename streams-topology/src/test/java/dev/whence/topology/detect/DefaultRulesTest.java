package dev.whence.topology.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.topology.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DefaultRulesTest {

  @Test
  void theListedFilesAreTheRulesFolder() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "rules"))) {
      assertThat(
              files
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.endsWith(".yaml"))
                  .sorted()
                  .toList())
          .isEqualTo(DefaultRules.FILES);
    }
  }

  @Test
  void thePackLoadsFromTheClassPathLikeFromTheFolder() throws Exception {
    RuleSet bundled = DefaultRules.load();
    RuleSet folder =
        new dev.whence.topology.rules.RuleLoader().loadDirectory(Path.of("..", "rules"));
    assertThat(bundled.loaded())
        .extracting(l -> l.rule().id() + "@" + l.rule().version() + "\n" + l.text())
        .isEqualTo(
            folder.loaded().stream()
                .map(l -> l.rule().id() + "@" + l.rule().version() + "\n" + l.text())
                .toList());
    assertThat(bundled.rule("reverse-shell")).isPresent();
  }
}
