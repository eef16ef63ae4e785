package dev.whence.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.app.Main;
import dev.whence.app.config.ConfigDefaults;
import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.ConfigLoader;
import dev.whence.app.config.SettingValues;
import dev.whence.app.config.WhenceConfig;
import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.incident.IncidentSettings;
import dev.whence.topology.StreamsSettings;
import dev.whence.topology.graph.GraphSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import picocli.CommandLine;

class HelpValuesTest {

  private static final Pattern OPTION_START =
      Pattern.compile("(?m)^\\s+(?:-\\w, )?(--(?:\\[no-])?[a-z-]+)");

  @TempDir Path tmp;

  private String help(String... args) {
    CommandLine cli = Main.commandLine(new ConfigLoader(new ConfigDefaults(tmp, () -> "box")));
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }

  /** Each option's help, its lines joined and spaces collapsed, by the option's long name. */
  private static Map<String, String> optionTexts(String help) {
    Map<String, String> texts = new LinkedHashMap<>();
    Matcher m = OPTION_START.matcher(help);
    String name = null;
    int start = 0;
    while (m.find()) {
      if (name != null) {
        texts.put(name, help.substring(start, m.start()).replaceAll("\\s+", " ").strip());
      }
      name = m.group(1);
      start = m.start();
    }
    if (name != null) {
      texts.put(name, help.substring(start).replaceAll("\\s+", " ").strip());
    }
    return texts;
  }

  private static String spoken(Duration d) {
    return SettingValues.spoken(d);
  }

  /** How a help text quotes a default with an upper bound. */
  private static String atMost(Object byDefault, Object max) {
    return "(default: " + byDefault + "; at most " + max + ")";
  }

  /** How a help text quotes a default with both bounds. */
  private static String within(Object byDefault, Object min, Object max) {
    return "(default: " + byDefault + "; " + min + " to " + max + ")";
  }

  @Test
  void topologyHelpNamesTheDefaultsAndBoundsTheTopologyRunsWith() {
    GraphSettings graph = GraphSettings.defaults();
    GraphConfig config = graph.config();
    IncidentSettings incidents = graph.incidents();
    Map<String, String> texts = optionTexts(help("topology", "--help"));

    assertThat(texts.get("--http-port"))
        .contains("(default: " + WhenceConfig.DEFAULT_HTTP_PORT + ";");
    assertThat(texts.get("--application-id"))
        .contains("(default: " + ConfigLoader.DEFAULT_APPLICATION_ID + ")");
    assertThat(texts.get("--[no-]exactly-once"))
        .contains("(default: " + ConfigLoader.DEFAULT_EXACTLY_ONCE + ")");
    assertThat(texts.get("--stream-threads"))
        .contains("(default: " + StreamsSettings.defaultStreamThreads() + ",")
        .contains("at most " + StreamsSettings.MAX_STREAM_THREADS + ")");
    assertThat(texts.get("--graph-cache-entries"))
        .contains(atMost(graph.cacheEntries(), GraphSettings.MAX_CACHE_ENTRIES));
    assertThat(texts.get("--incident-window"))
        .contains(atMost(spoken(incidents.window()), spoken(IncidentSettings.MAX_WINDOW)));
    assertThat(texts.get("--stitch-window"))
        .contains(atMost(spoken(graph.stitchWindow()), spoken(GraphSettings.MAX_STITCH_WINDOW)));
    assertThat(texts.get("--process-idle-ttl"))
        .contains(atMost(spoken(config.processIdleTtl()), spoken(GraphConfig.MAX_RETENTION)));
    assertThat(texts.get("--exited-process-grace"))
        .contains(
            atMost(
                spoken(config.exitedProcessGrace()), spoken(GraphConfig.MAX_EXITED_PROCESS_GRACE)));
    assertThat(texts.get("--file-idle-ttl"))
        .contains("(default: " + spoken(config.fileIdleTtl()) + ";");
    assertThat(texts.get("--dedup-idle-ttl"))
        .contains(atMost(spoken(config.dedupIdleTtl()), spoken(GraphConfig.MAX_RETENTION)));
    assertThat(texts.get("--graph-expiry-interval"))
        .contains(
            within(
                spoken(graph.expiryInterval()),
                spoken(GraphSettings.MIN_EXPIRY_INTERVAL),
                spoken(GraphSettings.MAX_EXPIRY_INTERVAL)));
    assertThat(texts.get("--incident-max-members"))
        .contains(atMost(incidents.maxMembers(), IncidentSettings.MAX_MEMBERS));
    assertThat(texts.get("--incident-max-chain"))
        .contains(
            within(incidents.maxChain(), IncidentSettings.MIN_CHAIN, IncidentSettings.MAX_CHAIN));
  }

  @Test
  void helpTextsQuoteTheSameDefaultsAsTheLoader() {
    WhenceConfig loaded =
        new ConfigLoader(new ConfigDefaults(tmp, () -> "box")).load(ConfigFlags.none());

    assertThat(optionTexts(help("topology", "--help")).get("--stitch-window"))
        .contains("default: " + spoken(loaded.graph().stitchWindow()) + ";");
    assertThat(optionTexts(help("broker", "--help")).get("--port"))
        .contains("default: " + loaded.brokerPort() + ";");
    assertThat(optionTexts(help("collect", "--help")).get("--spool-max-bytes"))
        .contains("default: " + SettingValues.spokenSize(loaded.spoolMaxBytes()) + ")");
    assertThat(optionTexts(help("collect", "--help")).get("--status-interval"))
        .contains("default: " + spoken(loaded.statusInterval()) + ")");
    assertThat(optionTexts(help("up", "--help")).get("--http-port"))
        .contains("default: " + loaded.httpPort() + ";");
  }

  static final String[] SUBCOMMANDS = MainTest.SUBCOMMANDS.toArray(String[]::new);

  @ParameterizedTest
  @FieldSource("SUBCOMMANDS")
  void noHelpLeavesAPlaceholderOrAnUnknownValue(String subcommand) {
    String help = help(subcommand, "--help");

    assertThat(help).doesNotContain("${").doesNotContain("default: null");
  }
}
