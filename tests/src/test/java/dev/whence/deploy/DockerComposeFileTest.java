package dev.whence.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The multi-host deployment file is valid for docker-compose (no engine needed to check it), and
 * names the parts the design lists: three brokers, two topology instances, a collector.
 */
class DockerComposeFileTest {

  private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

  @Test
  void composeFileIsValid() throws IOException, InterruptedException {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/docker-compose")),
        "docker-compose is not installed (Debian package docker-compose): file not checked");
    Process p =
        new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config", "-q")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  @Test
  void composeFileHasThreeBrokersTwoTopologiesAndACollector() throws IOException {
    String yaml = Files.readString(COMPOSE);
    assertThat(yaml).contains("kafka-1:", "kafka-2:", "kafka-3:", "topology-1:", "topology-2:");
    assertThat(yaml).contains("collector:").contains("\"collect\", \"--source\", \"linux-audit\"");
  }
}
