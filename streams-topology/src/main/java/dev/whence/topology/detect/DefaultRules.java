package dev.whence.topology.detect;

import dev.whence.topology.rules.RuleLoadException;
import dev.whence.topology.rules.RuleLoader;
import dev.whence.topology.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default rule pack, the top-level {@code rules/*.yaml} of the repository, packaged as class
 * path resources under {@code rules/}.
 */
public final class DefaultRules {

  /** The files of the pack, by name order (a test checks this list against the folder). */
  public static final List<String> FILES =
      List.of(
          "credentials.yaml",
          "evasion.yaml",
          "execution.yaml",
          "install.yaml",
          "kernel.yaml",
          "lateral.yaml",
          "persistence.yaml",
          "privilege.yaml",
          "shells.yaml");

  private DefaultRules() {}

  /** The texts of the pack by origin ({@code rules/NAME.yaml}). */
  public static Map<String, String> texts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String file : FILES) {
      String resource = "rules/" + file;
      try (InputStream in = DefaultRules.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "default rule file " + resource + " not on the class path");
        }
        texts.put(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return texts;
  }

  /** The pack, loaded; a pack that does not load is a build defect. */
  public static RuleSet load() {
    try {
      return new RuleLoader().load(texts());
    } catch (RuleLoadException e) {
      throw new IllegalStateException("the default rule pack does not load: " + e.getMessage(), e);
    }
  }
}
