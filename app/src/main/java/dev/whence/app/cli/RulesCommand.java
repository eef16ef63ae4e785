package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import dev.whence.app.run.RulePublisher;
import dev.whence.app.run.TerminalText;
import dev.whence.topology.rules.RuleError;
import dev.whence.topology.rules.RuleLoadException;
import dev.whence.topology.rules.RuleLoader;
import dev.whence.topology.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whence rules}: Check rule files or push them to the live rule set. */
@Command(name = "rules", description = "Check rule files or push them to the live rule set.")
public final class RulesCommand extends WhenceCommand {

  /** Exit code of rule files with errors. */
  public static final int EXIT_INVALID = 1;

  @Parameters(index = "0", paramLabel = "ACTION", description = "check or push.")
  String action;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "PATH",
      description = "Rule files or directories (default: rules/).")
  List<Path> paths;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Kafka bootstrap servers (needed by push).")
  String bootstrap;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none().put(Setting.BOOTSTRAP, bootstrap);
  }

  @Override
  protected int execute(WhenceConfig config) throws Exception {
    if (!action.equals("check") && !action.equals("push")) {
      err()
          .println(
              "whence rules: unknown action '"
                  + TerminalText.safe(action)
                  + "'; use check or push");
      err().flush();
      return EXIT_USAGE;
    }
    RuleSet rules;
    try {
      rules =
          new RuleLoader()
              .load(texts(paths == null || paths.isEmpty() ? List.of(Path.of("rules")) : paths));
    } catch (RuleLoadException e) {
      for (RuleError error : e.errors()) {
        err().println(TerminalText.safe(error.toString()));
      }
      err()
          .printf(
              "whence rules: %d error(s); nothing %s%n",
              e.errors().size(), action.equals("push") ? "pushed" : "else checked");
      err().flush();
      return EXIT_INVALID;
    } catch (IOException e) {
      err().println("whence rules: cannot read the rules: " + TerminalText.safe(e.toString()));
      err().flush();
      return EXIT_INVALID;
    }
    if (action.equals("check")) {
      out().printf("%d rules valid (fingerprint %s)%n", rules.loaded().size(), rules.fingerprint());
      out().flush();
      return 0;
    }
    String servers = requiredBootstrap(config);
    if (servers == null) {
      return EXIT_USAGE;
    }
    int pushed = RulePublisher.push(servers, rules, Clock.systemUTC());
    out().printf("%d rules pushed to whence.rules (fingerprint %s)%n", pushed, rules.fingerprint());
    out().flush();
    return 0;
  }

  /**
   * The rule texts of the given files and of the {@code *.yaml}/{@code *.yml} files of the
   * directories.
   */
  private static Map<String, String> texts(List<Path> roots) throws IOException {
    Map<String, String> texts = new LinkedHashMap<>();
    for (Path root : roots) {
      List<Path> files;
      if (Files.isDirectory(root)) {
        try (var s = Files.list(root)) {
          files =
              s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                  .filter(Files::isRegularFile)
                  .sorted()
                  .toList();
        }
      } else {
        files = List.of(root);
      }
      for (Path f : files) {
        if (Files.size(f) > RuleLoader.MAX_FILE_BYTES) {
          throw new IOException(f + " is larger than " + RuleLoader.MAX_FILE_BYTES + " bytes");
        }
        texts.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return texts;
  }
}
