package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.app.Main;
import dev.whence.app.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code whence demo} end to end in one JVM: a real embedded broker, the topology with
 * exactly-once, the bundled real audit recording replayed through the collector's publisher.
 */
class DemoIT {

  @Test
  void demoProcessesEveryEventOfTheBundledRecordingAndKeepsStdoutForJson() {
    CommandLine cli = Main.commandLine(ConfigLoader.system());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("demo", "--json");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString().lines()).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
    assertThat(err.toString())
        .contains("recordings/demo-linux-audit.log.gz: 11,619 lines")
        .containsPattern("([0-9,]+) events in, 0 rejected")
        .contains("Host whence-demo")
        .contains("EXECUTE");
    String published = err.toString().replaceAll("(?s).*lines -> ([0-9,]+) events.*", "$1");
    assertThat(err.toString()).contains(published + " events in");
  }
}
