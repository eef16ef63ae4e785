package dev.whence.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.app.Main;
import dev.whence.app.config.ConfigDefaults;
import dev.whence.app.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MainTest {

  static final List<String> SUBCOMMANDS =
      List.of(
          "broker",
          "demo",
          "up",
          "collect",
          "topology",
          "replay",
          "record",
          "import-cdm",
          "query",
          "rules",
          "bench");

  @TempDir Path tmp;

  record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    CommandLine cli = Main.commandLine(new ConfigLoader(new ConfigDefaults(tmp, () -> "box")));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsEverySubcommandOnOneLine() {
    Run r = run("--help");

    assertThat(r.exitCode()).isZero();
    List<String> lines = Arrays.asList(r.out().split("\n"));
    int commands = lines.indexOf("Commands:");
    assertThat(commands).isPositive();
    List<String> listed =
        lines.subList(commands + 1, lines.size()).stream()
            .filter(l -> !l.isBlank())
            .map(l -> l.strip().split("\\s+")[0])
            .toList();
    assertThat(listed).containsExactlyElementsOf(SUBCOMMANDS);
  }

  @Test
  void versionNamesWhenceAndKafka() {
    Run r = run("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("whence ").contains("Kafka 4.");
  }

  @Test
  void unknownSubcommandPrintsUsageToStderrAndExits2() {
    Run r = run("frobnicate");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("frobnicate").contains("Usage: whence");
  }

  @Test
  void noSubcommandExits2() {
    Run r = run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("missing subcommand").contains("Usage: whence");
  }

  @ParameterizedTest
  @ValueSource(strings = {"import-cdm x.avro", "bench --events 1000"})
  void subcommandsNotInThisBuildSaySoAndExit3(String line) {
    Run r = run(line.split(" "));

    String name = line.split(" ")[0];
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("whence " + name + " is not available in this build yet\n");
  }

  @Test
  void recordRefusesAnUnknownSourceOrDurationBeforeTouchingTheKernel() {
    Run source = run("record", "--output", tmp.resolve("r.log").toString(), "--source", "dtrace");
    Run duration = run("record", "--output", tmp.resolve("r.log").toString(), "--duration", "1x");

    assertThat(source.exitCode()).isEqualTo(2);
    assertThat(source.err()).contains("unknown --source 'dtrace'").contains("linux-audit");
    assertThat(duration.exitCode()).isEqualTo(2);
    assertThat(duration.err()).contains("--duration").contains("not a duration");
    assertThat(tmp.resolve("r.log")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"topology --no-exactly-once", "replay a.log b.log --host h1"})
  void partsThatNeedABrokerSayHowToGiveOne(String line) {
    Run r = run(line.split(" "));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("needs a Kafka broker").contains("--bootstrap HOST:PORT");
  }

  @Test
  void rulesCheckValidatesADirectoryAndNamesFileAndLineOfErrors() throws IOException {
    Path good = Files.createDirectories(tmp.resolve("good"));
    Files.writeString(good.resolve("a.yaml"), RULE.formatted("marker-a"));
    Path bad = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(
        bad.resolve("b.yaml"), RULE.formatted("marker-b").replace("steps:", "stepz:"));

    Run ok = run("rules", "check", good.toString());
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.out()).contains("1 rules valid");

    Run refused = run("rules", "check", bad.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains(bad.resolve("b.yaml") + ":").contains("stepz");
  }

  @Test
  void rulesPushNeedsABrokerAndAKnownAction() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("r"));
    Files.writeString(dir.resolve("a.yaml"), RULE.formatted("marker-a"));

    Run push = run("rules", "push", dir.toString());
    assertThat(push.exitCode()).isEqualTo(2);
    assertThat(push.err()).contains("needs a Kafka broker");

    Run unknown = run("rules", "publish", dir.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown action 'publish'");
  }

  private static final String RULE =
      """
      id: %s
      version: 2
      title: Marker executed
      severity: low
      within: 1m
      steps:
        - operation: EXECUTE
          subject:
            exe: ["**/marker"]
      """;

  @Test
  void queriesNotAnsweredYetSaySoAndAMissingServiceIsNamed() {
    Run backtrack = run("query", "backtrack");
    assertThat(backtrack.exitCode()).isEqualTo(3);
    assertThat(backtrack.err())
        .contains("whence query backtrack is not available in this build yet");

    Run alerts = run("query", "alerts", "--http-port", "1");
    assertThat(alerts.exitCode()).isEqualTo(1);
    assertThat(alerts.err()).contains("no query service at http://localhost:1/api/alerts");

    Run stats = run("query", "stats", "--http-port", "1");
    assertThat(stats.exitCode()).isEqualTo(1);
    assertThat(stats.err()).contains("no query service at http://localhost:1/api/stats");
  }

  @Test
  void collectRefusesAnUnknownSourceOrAMissingBroker() {
    Run unknown = run("collect", "--source", "audit", "--bootstrap", "k:9092");
    Run noBroker = run("collect", "--source", "linux-audit");

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown --source 'audit'");
    assertThat(noBroker.exitCode()).isEqualTo(2);
    assertThat(noBroker.err()).contains("--bootstrap HOST:PORT is required");
  }

  @Test
  void subcommandHelpShowsItsOptions() {
    Run r = run("up", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("--bootstrap")
        .contains("--http-port")
        .contains("--data-dir")
        .contains("--config");
  }

  @Test
  void badFlagValueExits2NamingTheFlag() {
    Run r = run("broker", "--port", "123456");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("broker-port").contains("--port").contains("out of range");
  }

  @Test
  void badConfigFileValueExits2NamingFileAndKey() throws IOException {
    Path config = tmp.resolve("whence.yaml");
    Files.writeString(config, "status-interval: soon\n");

    Run r = run("demo", "--config", config.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(config + ":status-interval").contains("not a duration");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--process-idle-ttl 400d|at most 365 days",
        "--exited-process-grace 2h|at most 1 hour",
        "--file-idle-ttl never|not a duration",
        "--dedup-idle-ttl 400d|at most 365 days",
        "--graph-expiry-interval 100ms|at least 1 second",
        "--incident-max-members 0|out of range 1..10000000",
        "--incident-max-chain 5000|out of range 2..4096"
      })
  void topologyRetentionAndIncidentFlagsAreCheckedBeforeConnecting(String lineAndReason) {
    String[] parts = lineAndReason.split("\\|");
    String[] flag = parts[0].split(" ");

    Run r = run("topology", "--bootstrap", "127.0.0.1:1", flag[0], flag[1]);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("from " + flag[0]).contains(parts[1]);
  }

  @Test
  void missingRequiredArgumentsAreUsageErrors() {
    assertThat(run("replay").exitCode()).isEqualTo(2);
    assertThat(run("collect").exitCode()).isEqualTo(2);
    assertThat(run("demo", "--no-such-flag").exitCode()).isEqualTo(2);
  }
}
