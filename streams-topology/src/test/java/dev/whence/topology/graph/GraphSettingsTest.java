package dev.whence.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.incident.IncidentSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        .hasMessageContaining("exitedProcessGrace");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "cacheEntries       | 1",
        "cacheEntries       | 10000000",
        "processIdleTtl     | PT0.001S",
        "processIdleTtl     | PT8760H",
        "exitedProcessGrace | PT1H",
        "fileIdleTtl        | PT8760H",
        "dedupIdleTtl       | PT0.001S",
        "dedupIdleTtl       | PT8760H",
        "window             | PT24H",
        "stitchWindow       | PT24H",
        "expiryInterval     | PT1S",
        "expiryInterval     | PT1H",
        "maxMembers         | 1",
        "maxMembers         | 10000000",
        "maxChain           | 2",
        "maxChain           | 4096",
      })
  void eachBoundItselfIsAccepted(String setting, String value) {
    GraphSettings settings = with(setting, value);

    assertThat(valueOf(settings, setting)).hasToString(value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "cacheEntries       | 0          | cacheEntries must be in 1..10000000, not 0",
        "cacheEntries       | 10000001   | cacheEntries must be in 1..10000000, not 10000001",
        "window             | PT0S       | window must be positive and at most PT24H, not PT0S",
        "window             | PT24H0.001S | window must be positive and at most PT24H, not PT24H0.001S",
        "stitchWindow       | PT-1S      | stitchWindow must be positive and at most PT24H, not PT-1S",
        "stitchWindow       | PT0S       | stitchWindow must be positive and at most PT24H, not PT0S",
        "stitchWindow       | PT25H      | stitchWindow must be positive and at most PT24H, not PT25H",
        "dedupIdleTtl       | PT0S       | dedupIdleTtl must be positive and at most PT8760H, not PT0S",
        "dedupIdleTtl       | PT8760H1S  | dedupIdleTtl must be positive and at most PT8760H, not PT8760H1S",
        "processIdleTtl     | PT0S       | processIdleTtl must be positive and at most PT8760H, not PT0S",
        "processIdleTtl     | PT8761H    | processIdleTtl must be positive and at most PT8760H, not PT8761H",
        "exitedProcessGrace | PT61M      | exitedProcessGrace must be positive and at most PT1H, not PT1H1M",
        "fileIdleTtl        | PT-1H      | fileIdleTtl must be positive and at most PT8760H, not PT-1H",
        "expiryInterval     | PT0.999S   | expiryInterval must be in PT1S..PT1H, not PT0.999S",
        "expiryInterval     | PT1H0.001S | expiryInterval must be in PT1S..PT1H, not PT1H0.001S",
        "maxMembers         | 0          | maxMembers must be in 1..10000000, not 0",
        "maxMembers         | 10000001   | maxMembers must be in 1..10000000, not 10000001",
        "maxChain           | 1          | maxChain must be in 2..4096, not 1",
        "maxChain           | 4097       | maxChain must be in 2..4096, not 4097",
      })
  void aValueOutOfItsBoundsFailsNamingTheValueAndItsBounds(
      String setting, String value, String message) {
    assertThatThrownBy(() -> with(setting, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "window",
        "stitchWindow",
        "processIdleTtl",
        "exitedProcessGrace",
        "fileIdleTtl",
        "dedupIdleTtl",
        "expiryInterval"
      })
  void aMissingDurationFailsNamingIt(String setting) {
    assertThatThrownBy(() -> with(setting, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(setting);
  }

  @Test
  void theBoundsOfTheConstantsAreThoseOfTheChecks() {
    GraphSettings base = GraphSettings.defaults();

    assertThat(base.withCacheEntries(GraphSettings.MAX_CACHE_ENTRIES).cacheEntries())
        .isEqualTo(GraphSettings.MAX_CACHE_ENTRIES);
    assertThatThrownBy(() -> base.withCacheEntries(GraphSettings.MAX_CACHE_ENTRIES + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> base.withExpiryInterval(GraphSettings.MIN_EXPIRY_INTERVAL.minusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> base.withExpiryInterval(GraphSettings.MAX_EXPIRY_INTERVAL.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.withIncidentMaxMembers(IncidentSettings.MAX_MEMBERS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.withIncidentMaxChain(IncidentSettings.MIN_CHAIN - 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.withIncidentMaxChain(IncidentSettings.MAX_CHAIN + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retention(base, "fileIdleTtl", GraphConfig.MAX_RETENTION.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                retention(
                    base, "exitedProcessGrace", GraphConfig.MAX_EXITED_PROCESS_GRACE.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(base.withStitchWindow(GraphSettings.MAX_STITCH_WINDOW).stitchWindow())
        .isEqualTo(GraphSettings.MAX_STITCH_WINDOW);
    assertThatThrownBy(() -> base.withStitchWindow(GraphSettings.MAX_STITCH_WINDOW.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(base.withIncidentWindow(IncidentSettings.MAX_WINDOW).incidents().window())
        .isEqualTo(IncidentSettings.MAX_WINDOW);
    assertThatThrownBy(() -> base.withIncidentWindow(IncidentSettings.MAX_WINDOW.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(base.withDedupIdleTtl(GraphConfig.MAX_RETENTION).config().dedupIdleTtl())
        .isEqualTo(GraphConfig.MAX_RETENTION);
    assertThatThrownBy(() -> base.withDedupIdleTtl(GraphConfig.MAX_RETENTION.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void windowsTooLongForNanosecondArithmeticAreRejectedWhereTheyLive() {
    Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
    GraphSettings base = GraphSettings.defaults();

    assertThatThrownBy(() -> base.withStitchWindow(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stitchWindow must be positive and at most PT24H, not " + huge);
    assertThatThrownBy(() -> base.withIncidentWindow(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window must be positive and at most PT24H, not " + huge);
    assertThatThrownBy(() -> new IncidentSettings(huge, 1, IncidentSettings.MIN_CHAIN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.withDedupIdleTtl(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dedupIdleTtl must be positive and at most PT8760H, not " + huge);
  }

  @Test
  void dedupIdleTtlChangesOnlyItself() {
    GraphSettings base = GraphSettings.defaults();
    GraphSettings changed = base.withDedupIdleTtl(Duration.ofHours(6));

    assertThat(changed.config().dedupIdleTtl()).isEqualTo(Duration.ofHours(6));
    assertThat(changed.withDedupIdleTtl(base.config().dedupIdleTtl())).isEqualTo(base);
    assertThat(
            changed
                .withRetention(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(90))
                .config()
                .dedupIdleTtl())
        .isEqualTo(Duration.ofHours(6));
  }

  /**
   * The defaults with {@code setting} (a component of the settings, their {@link GraphConfig} or
   * {@link IncidentSettings}) set to {@code value}: a whole number or an ISO duration.
   */
  private static GraphSettings with(String setting, String value) {
    GraphSettings base = GraphSettings.defaults();
    return switch (setting) {
      case "cacheEntries" -> base.withCacheEntries(Integer.parseInt(value));
      case "expiryInterval" -> base.withExpiryInterval(duration(value));
      case "stitchWindow" -> base.withStitchWindow(duration(value));
      case "window" -> base.withIncidentWindow(duration(value));
      case "dedupIdleTtl" -> base.withDedupIdleTtl(duration(value));
      case "maxMembers" -> base.withIncidentMaxMembers(Integer.parseInt(value));
      case "maxChain" -> base.withIncidentMaxChain(Integer.parseInt(value));
      default -> retention(base, setting, duration(value));
    };
  }

  private static Duration duration(String value) {
    return value == null ? null : Duration.parse(value);
  }

  private static GraphSettings retention(GraphSettings base, String setting, Duration value) {
    GraphConfig c = base.config();
    return switch (setting) {
      case "processIdleTtl" -> base.withRetention(value, c.exitedProcessGrace(), c.fileIdleTtl());
      case "exitedProcessGrace" -> base.withRetention(c.processIdleTtl(), value, c.fileIdleTtl());
      case "fileIdleTtl" -> base.withRetention(c.processIdleTtl(), c.exitedProcessGrace(), value);
      default -> throw new AssertionError("no setting " + setting);
    };
  }

  private static Object valueOf(GraphSettings settings, String setting) {
    return switch (setting) {
      case "cacheEntries" -> settings.cacheEntries();
      case "expiryInterval" -> settings.expiryInterval();
      case "stitchWindow" -> settings.stitchWindow();
      case "window" -> settings.incidents().window();
      case "maxMembers" -> settings.incidents().maxMembers();
      case "maxChain" -> settings.incidents().maxChain();
      case "processIdleTtl" -> settings.config().processIdleTtl();
      case "exitedProcessGrace" -> settings.config().exitedProcessGrace();
      case "fileIdleTtl" -> settings.config().fileIdleTtl();
      case "dedupIdleTtl" -> settings.config().dedupIdleTtl();
      default -> throw new AssertionError("no setting " + setting);
    };
  }
}
