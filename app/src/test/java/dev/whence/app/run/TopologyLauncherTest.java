package dev.whence.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.app.config.ConfigDefaults;
import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.ConfigLoader;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import dev.whence.graph.incident.IncidentSettings;
import dev.whence.topology.graph.GraphSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyLauncherTest {

  @TempDir Path tmp;

  private WhenceConfig load(ConfigFlags flags) {
    return new ConfigLoader(new ConfigDefaults(tmp, () -> "box-1")).load(flags);
  }

  @Test
  void withoutSettingsTheTopologyRunsTheGraphDefaults() {
    assertThat(TopologyLauncher.graphSettings(load(ConfigFlags.none())))
        .isEqualTo(GraphSettings.defaults());
  }

  @Test
  void everyGraphSettingOfTheConfigurationReachesTheGraph() {
    WhenceConfig config =
        load(
            ConfigFlags.none()
                .put(Setting.GRAPH_CACHE_ENTRIES, "300")
                .put(Setting.INCIDENT_WINDOW, "1h")
                .put(Setting.STITCH_WINDOW, "1m")
                .put(Setting.PROCESS_IDLE_TTL, "2h")
                .put(Setting.EXITED_PROCESS_GRACE, "5m")
                .put(Setting.FILE_IDLE_TTL, "90d")
                .put(Setting.GRAPH_EXPIRY_INTERVAL, "30s")
                .put(Setting.INCIDENT_MAX_MEMBERS, "1000")
                .put(Setting.INCIDENT_MAX_CHAIN, "16"));

    GraphSettings graph = TopologyLauncher.graphSettings(config);

    GraphSettings defaults = GraphSettings.defaults();
    assertThat(graph)
        .isEqualTo(
            new GraphSettings(
                defaults
                    .config()
                    .withRetention(Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofDays(90)),
                300,
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                new IncidentSettings(Duration.ofHours(1), 1000, 16)));
  }
}
