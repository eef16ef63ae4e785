package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whence.app.Main;
import dev.whence.app.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code whence demo} end to end in one JVM: a real embedded broker, the topology with
 * exactly-once, the bundled real audit recording replayed through the collector's publisher.
 */
class DemoIT {

  @Test
  void demoProcessesEveryEventOfTheBundledRecordingAndPrintsTheAlerts() {
    CommandLine cli = Main.commandLine(ConfigLoader.system());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("demo", "--json");

    assertThat(code).as(err.toString()).isZero();
    List<JsonNode> alerts = new ArrayList<>();
    for (String line : out.toString().lines().toList()) {
      alerts.add(parse(line));
    }
    assertThat(alerts).isNotEmpty();
    assertThat(alerts)
        .allSatisfy(
            a -> {
              assertThat(a.path("id").asText()).isNotEmpty();
              assertThat(a.path("rule").asText()).isNotEmpty();
              assertThat(a.path("severity").asText()).isNotEmpty();
              assertThat(a.path("host").asText()).isEqualTo("whence-demo");
              assertThat(a.path("incidentId").asText()).isNotEmpty();
              assertThat(a.path("firstSeen").asLong()).isPositive();
              assertThat(a.path("chain").isArray()).isTrue();
              assertThat(a.path("chain")).isNotEmpty();
              JsonNode step = a.path("chain").get(0);
              assertThat(step.path("ts").asLong()).isPositive();
              assertThat(step.path("op").asText()).isNotEmpty();
              assertThat(step.path("subject").path("pid").asInt()).isPositive();
              assertThat(step.path("subject").path("ancestors").isArray()).isTrue();
            });
    assertThat(alerts)
        .extracting(a -> a.path("rule").asText())
        .contains("reverse-shell", "download-execute", "lateral-movement");
    JsonNode shell =
        alerts.stream()
            .filter(a -> a.path("rule").asText().equals("reverse-shell"))
            .findFirst()
            .get();
    assertThat(shell.path("techniques").toString()).contains("T1059.004");
    assertThat(err.toString())
        .contains("Alerts: " + alerts.size() + " in ")
        .contains("=== Incident 1 (")
        .contains("[CRITICAL] Reverse shell")
        .doesNotContain("\u001b");
    assertThat(err.toString())
        .contains("recordings/demo-linux-audit.log.gz: 23,480 lines")
        .containsPattern("([0-9,]+) events in, [0-9,]+ rejected")
        .contains("Host whence-demo")
        .contains("EXECUTE");
    String published = err.toString().replaceAll("(?s).*lines -> ([0-9,]+) events.*", "$1");
    assertThat(err.toString()).contains(published + " events in");
  }

  private static JsonNode parse(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("stdout line is no JSON alert: " + line, e);
    }
  }
}
