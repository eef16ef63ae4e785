package dev.whence.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.incident.IncidentSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GraphSettingsTest {

  @Test
  void eachWitherChangesItsOwnSettingAndNoOther() {
    GraphSettings base = GraphSettings.defaults();
    GraphSettings changed =
        base.withRetention(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(90))
            .withExpiryInterval(Duration.ofSeconds(30))
            .withIncidentMaxMembers(500)
            .withIncidentMaxChain(8);

    GraphConfig expectedConfig =
        base.config()
            .withRetention(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(90));
    assertThat(changed)
        .isEqualTo(
            new GraphSettings(
                expectedConfig,
                base.cacheEntries(),
                Duration.ofSeconds(30),
                base.stitchWindow(),
                new IncidentSettings(base.incidents().window(), 500, 8)));
    assertThat(changed.config().maxAncestors()).isEqualTo(base.config().maxAncestors());
    assertThat(changed.config().dedupIdleTtl()).isEqualTo(base.config().dedupIdleTtl());
  }

  @Test
  void incidentBoundsSurviveALaterWindowChangeAndViceVersa() {
    GraphSettings s =
        GraphSettings.defaults()
            .withIncidentWindow(Duration.ofHours(1))
            .withIncidentMaxChain(16)
            .withIncidentMaxMembers(100)
            .withIncidentWindow(Duration.ofMinutes(30));

    assertThat(s.incidents()).isEqualTo(new IncidentSettings(Duration.ofMinutes(30), 100, 16));
  }

  @Test
  void theRecordsValidationStillApplies() {
    GraphSettings base = GraphSettings.defaults();

    assertThatThrownBy(() -> base.withIncidentMaxChain(1)).hasMessageContaining("maxChain");
    assertThatThrownBy(() -> base.withIncidentMaxMembers(0)).hasMessageContaining("maxMembers");
    assertThatThrownBy(() -> base.withExpiryInterval(Duration.ZERO))
        .hasMessageContaining("expiryInterval");
    assertThatThrownBy(
            () -> base.withRetention(Duration.ofHours(1), Duration.ofSeconds(-1), Duration.ZERO))
        .hasMessageContaining("non-negative");
  }
}
