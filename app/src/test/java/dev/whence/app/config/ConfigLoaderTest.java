package dev.whence.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.incident.IncidentSettings;
import dev.whence.topology.StreamsSettings;
import dev.whence.topology.graph.GraphSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  @TempDir Path tmp;

  private ConfigLoader loader() {
    return new ConfigLoader(new ConfigDefaults(tmp.resolve("home"), () -> "box-1"));
  }

  private Path file(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void defaultsWithoutFileOrFlags() {
    WhenceConfig c = loader().load(ConfigFlags.none());

    Path data = tmp.resolve("home").resolve(".whence").toAbsolutePath();
    assertThat(c.bootstrapServers()).isEmpty();
    assertThat(c.embeddedBroker()).isTrue();
    assertThat(c.brokerPort()).isEqualTo(9092);
    assertThat(c.httpPort()).isEqualTo(7070);
    assertThat(c.dataDir()).isEqualTo(data);
    assertThat(c.brokerDir()).isEqualTo(data.resolve("kafka"));
    assertThat(c.hostId()).isEqualTo("box-1");
    assertThat(c.spoolDir()).isEqualTo(data.resolve("spool"));
    assertThat(c.spoolMaxBytes()).isEqualTo(1024L * 1024 * 1024);
    assertThat(c.statusInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.applicationId()).isEqualTo("whence-topology");
    assertThat(c.stateDir()).isEqualTo(data.resolve("streams"));
    assertThat(c.exactlyOnce()).isTrue();
    assertThat(c.streamThreads()).isEqualTo(StreamsSettings.defaultStreamThreads());
    assertThat(c.graph().cacheEntries()).isEqualTo(20_000);
    assertThat(c.graph().incidents().window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.graph().stitchWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.graph().config().processIdleTtl()).isEqualTo(Duration.ofHours(12));
    assertThat(c.graph().config().exitedProcessGrace()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.graph().config().fileIdleTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(c.graph().config().dedupIdleTtl()).isEqualTo(Duration.ofDays(2));
    assertThat(c.graph().expiryInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.graph().incidents().maxMembers()).isEqualTo(20_000);
    assertThat(c.graph().incidents().maxChain()).isEqualTo(64);
  }

  @Test
  void withoutGraphSettingsTheTopologyRunsTheGraphDefaults() {
    assertThat(loader().load(ConfigFlags.none()).graph()).isEqualTo(GraphSettings.defaults());
  }

  @Test
  void everyGraphSettingOfTheConfigurationReachesTheGraph() {
    WhenceConfig config =
        loader()
            .load(
                ConfigFlags.none()
                    .put(Setting.GRAPH_CACHE_ENTRIES, "300")
                    .put(Setting.INCIDENT_WINDOW, "1h")
                    .put(Setting.STITCH_WINDOW, "1m")
                    .put(Setting.PROCESS_IDLE_TTL, "2h")
                    .put(Setting.EXITED_PROCESS_GRACE, "5m")
                    .put(Setting.FILE_IDLE_TTL, "90d")
                    .put(Setting.DEDUP_IDLE_TTL, "6h")
                    .put(Setting.GRAPH_EXPIRY_INTERVAL, "30s")
                    .put(Setting.INCIDENT_MAX_MEMBERS, "1000")
                    .put(Setting.INCIDENT_MAX_CHAIN, "16"));

    GraphSettings defaults = GraphSettings.defaults();
    assertThat(config.graph())
        .isEqualTo(
            new GraphSettings(
                defaults
                    .config()
                    .withRetention(Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofDays(90))
                    .withDedupIdleTtl(Duration.ofHours(6)),
                300,
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                new IncidentSettings(Duration.ofHours(1), 1000, 16)));
  }

  @Test
  void yamlFileOverridesDefaultsAndFlagsOverrideTheFile() throws IOException {
    Path yaml =
        file(
            "whence.yaml",
            """
            bootstrap: kafka-1:9092, kafka-2:9093
            http-port: 8080
            data-dir: %s
            host-id: web-01
            spool-max-bytes: 512MiB
            status-interval: 30s
            application-id: whence-test
            exactly-once: false
            stream-threads: 3
            graph-cache-entries: 5000
            incident-window: 1h
            stitch-window: 2m
            process-idle-ttl: 2h
            exited-process-grace: 30s
            file-idle-ttl: 90d
            dedup-idle-ttl: 3d
            graph-expiry-interval: 1m
            incident-max-members: 1000
            incident-max-chain: 16
            """
                .formatted(tmp.resolve("data")));

    WhenceConfig c =
        loader()
            .load(
                Optional.of(yaml),
                ConfigFlags.none().put(Setting.HTTP_PORT, "9090").put(Setting.HOST_ID, "web-02"));

    assertThat(c.bootstrapServers()).contains("kafka-1:9092,kafka-2:9093");
    assertThat(c.embeddedBroker()).isFalse();
    assertThat(c.httpPort()).isEqualTo(9090);
    assertThat(c.hostId()).isEqualTo("web-02");
    assertThat(c.dataDir()).isEqualTo(tmp.resolve("data"));
    assertThat(c.spoolDir()).isEqualTo(tmp.resolve("data").resolve("spool"));
    assertThat(c.stateDir()).isEqualTo(tmp.resolve("data").resolve("streams"));
    assertThat(c.spoolMaxBytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(c.statusInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.applicationId()).isEqualTo("whence-test");
    assertThat(c.exactlyOnce()).isFalse();
    assertThat(c.streamThreads()).isEqualTo(3);
    assertThat(c.graph().cacheEntries()).isEqualTo(5_000);
    assertThat(c.graph().incidents().window()).isEqualTo(Duration.ofHours(1));
    assertThat(c.graph().stitchWindow()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.graph().config().processIdleTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(c.graph().config().exitedProcessGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.graph().config().fileIdleTtl()).isEqualTo(Duration.ofDays(90));
    assertThat(c.graph().config().dedupIdleTtl()).isEqualTo(Duration.ofDays(3));
    assertThat(c.graph().expiryInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.graph().incidents().maxMembers()).isEqualTo(1_000);
    assertThat(c.graph().incidents().maxChain()).isEqualTo(16);
  }

  @Test
  void retentionAndIncidentBoundsFromAFileAreOverriddenByFlags() throws IOException {
    Path props =
        file(
            "r.properties",
            """
            process-idle-ttl=1h
            exited-process-grace=10s
            file-idle-ttl=30d
            dedup-idle-ttl=12h
            graph-expiry-interval=5s
            incident-max-members=500
            incident-max-chain=8
            """);
    ConfigFlags flags =
        ConfigFlags.none()
            .put(Setting.PROCESS_IDLE_TTL, "P2D")
            .put(Setting.EXITED_PROCESS_GRACE, "1h")
            .put(Setting.FILE_IDLE_TTL, "365d")
            .put(Setting.DEDUP_IDLE_TTL, "P365D")
            .put(Setting.GRAPH_EXPIRY_INTERVAL, "1s")
            .put(Setting.INCIDENT_MAX_MEMBERS, "10000000")
            .put(Setting.INCIDENT_MAX_CHAIN, "2");

    WhenceConfig fromFile = loader().load(Optional.of(props), ConfigFlags.none());
    WhenceConfig flagged = loader().load(Optional.of(props), flags);

    assertThat(fromFile.graph().config().processIdleTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(fromFile.graph().config().exitedProcessGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(fromFile.graph().config().fileIdleTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(fromFile.graph().config().dedupIdleTtl()).isEqualTo(Duration.ofHours(12));
    assertThat(fromFile.graph().expiryInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(fromFile.graph().incidents().maxMembers()).isEqualTo(500);
    assertThat(fromFile.graph().incidents().maxChain()).isEqualTo(8);
    assertThat(flagged.graph().config().processIdleTtl()).isEqualTo(Duration.ofDays(2));
    assertThat(flagged.graph().config().exitedProcessGrace()).isEqualTo(Duration.ofHours(1));
    assertThat(flagged.graph().config().fileIdleTtl()).isEqualTo(Duration.ofDays(365));
    assertThat(flagged.graph().config().dedupIdleTtl()).isEqualTo(Duration.ofDays(365));
    assertThat(flagged.graph().expiryInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(flagged.graph().incidents().maxMembers()).isEqualTo(10_000_000);
    assertThat(flagged.graph().incidents().maxChain()).isEqualTo(2);
  }

  @Test
  void aConfigurationMovedToAnotherBrokerKeepsEveryOtherSetting() {
    WhenceConfig c =
        loader()
            .load(
                ConfigFlags.none()
                    .put(Setting.HTTP_PORT, "8081")
                    .put(Setting.EXACTLY_ONCE, "false")
                    .put(Setting.FILE_IDLE_TTL, "3d"));

    WhenceConfig moved = c.withBootstrapServers("kafka-9:9092");

    assertThat(moved.bootstrapServers()).contains("kafka-9:9092");
    assertThat(moved).usingRecursiveComparison().ignoringFields("bootstrapServers").isEqualTo(c);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "process-idle-ttl      | 0s      | positive",
        "process-idle-ttl      | 366d    | at most 365 days",
        "process-idle-ttl      | forever | not a duration",
        "exited-process-grace  | 61m     | at most 1 hour",
        "exited-process-grace  | -PT1M   | positive",
        "file-idle-ttl         | P400D   | at most 365 days",
        "file-idle-ttl         | 7 days  | not a duration",
        "dedup-idle-ttl        | 0ms     | positive",
        "dedup-idle-ttl        | P366D   | at most 365 days",
        "dedup-idle-ttl        | a while | not a duration",
        "incident-window       | PT24H1S | at most 1 day",
        "stitch-window         | 2d      | at most 1 day",
        "graph-expiry-interval | 500ms   | at least 1 second",
        "graph-expiry-interval | 2h      | at most 1 hour",
        "incident-max-members  | 0       | out of range 1..10000000",
        "incident-max-members  | 10000001 | out of range 1..10000000",
        "incident-max-members  | 20k     | not a whole number",
        "incident-max-chain    | 1       | out of range 2..4096",
        "incident-max-chain    | 4097    | out of range 2..4096",
      })
  void badRetentionOrIncidentBoundIsRejectedNamingTheKeyAndSource(
      String key, String bad, String reason) throws IOException {
    Setting setting = Setting.byKey(key).orElseThrow();
    Path yaml = file("bad.yaml", key + ": '" + bad + "'\n");

    assertThatThrownBy(() -> loader().load(ConfigFlags.none().put(setting, bad)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("from --" + key)
        .hasMessageContaining(reason);
    assertThatThrownBy(() -> loader().load(Optional.of(yaml), ConfigFlags.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(yaml + ":" + key)
        .hasMessageContaining(reason);
  }

  @Test
  void propertiesFileIsReadToo() throws IOException {
    Path props =
        file(
            "whence.properties",
            "broker-port=0\nspool-dir=" + tmp.resolve("sp") + "\nstatus-interval=PT1M\n");

    WhenceConfig c = loader().load(Optional.of(props), ConfigFlags.none());

    assertThat(c.brokerPort()).isZero();
    assertThat(c.spoolDir()).isEqualTo(tmp.resolve("sp"));
    assertThat(c.statusInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void incidentAndStitchWindowsArePositiveDurationsOfAtMostADay() {
    assertThat(
            loader()
                .load(ConfigFlags.none().put(Setting.INCIDENT_WINDOW, "90s"))
                .graph()
                .incidents()
                .window())
        .isEqualTo(Duration.ofSeconds(90));
    for (String bad : new String[] {"0s", "2 days", "PT25H", "soon"}) {
      assertThatThrownBy(() -> loader().load(ConfigFlags.none().put(Setting.INCIDENT_WINDOW, bad)))
          .as(bad)
          .hasMessageContaining("from --incident-window");
      assertThatThrownBy(() -> loader().load(ConfigFlags.none().put(Setting.STITCH_WINDOW, bad)))
          .as(bad)
          .hasMessageContaining("from --stitch-window");
    }
  }

  @Test
  void theLongestWindowsAcceptedAreTheRecordsBounds() {
    WhenceConfig c =
        loader()
            .load(
                ConfigFlags.none()
                    .put(Setting.INCIDENT_WINDOW, IncidentSettings.MAX_WINDOW.toString())
                    .put(Setting.STITCH_WINDOW, GraphSettings.MAX_STITCH_WINDOW.toString()));

    assertThat(c.graph().incidents().window()).isEqualTo(IncidentSettings.MAX_WINDOW);
    assertThat(c.graph().stitchWindow()).isEqualTo(GraphSettings.MAX_STITCH_WINDOW);
    String longer = IncidentSettings.MAX_WINDOW.plusMillis(1).toString();
    assertThatThrownBy(() -> loader().load(ConfigFlags.none().put(Setting.INCIDENT_WINDOW, longer)))
        .isInstanceOf(ConfigException.class);
    String longerStitch = GraphSettings.MAX_STITCH_WINDOW.plusMillis(1).toString();
    assertThatThrownBy(
            () -> loader().load(ConfigFlags.none().put(Setting.STITCH_WINDOW, longerStitch)))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void dedupIdleTtlUpToTheLongestRetention() {
    Duration longest = GraphConfig.MAX_RETENTION;

    assertThat(
            loader()
                .load(ConfigFlags.none().put(Setting.DEDUP_IDLE_TTL, longest.toString()))
                .graph()
                .config()
                .dedupIdleTtl())
        .isEqualTo(longest);
    assertThatThrownBy(
            () ->
                loader()
                    .load(
                        ConfigFlags.none()
                            .put(Setting.DEDUP_IDLE_TTL, longest.plusSeconds(1).toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("from --dedup-idle-ttl");
  }

  @Test
  void graphCacheEntriesFromTheFlagAndTheirBounds() throws IOException {
    Path props = file("g.properties", "graph-cache-entries=1000\n");

    assertThat(
            loader()
                .load(
                    Optional.of(props),
                    ConfigFlags.none().put(Setting.GRAPH_CACHE_ENTRIES, "50000"))
                .graph()
                .cacheEntries())
        .isEqualTo(50_000);
    assertThat(loader().load(Optional.of(props), ConfigFlags.none()).graph().cacheEntries())
        .isEqualTo(1_000);
    for (String bad : new String[] {"0", "-3", "lots", "99999999999999999999", "10000001"}) {
      assertThatThrownBy(
              () -> loader().load(ConfigFlags.none().put(Setting.GRAPH_CACHE_ENTRIES, bad)))
          .as(bad)
          .hasMessageContaining("from --graph-cache-entries")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void emptyBootstrapInTheFileMeansEmbedded() throws IOException {
    Path yaml = file("c.yml", "bootstrap:\n");

    assertThat(loader().load(Optional.of(yaml), ConfigFlags.none()).embeddedBroker()).isTrue();
  }

  @Test
  void homeDirectoryIsExpanded() {
    WhenceConfig c = loader().load(ConfigFlags.none().put(Setting.DATA_DIR, "~/w"));

    assertThat(c.dataDir()).isEqualTo(tmp.resolve("home").resolve("w").toAbsolutePath());
  }

  @Test
  void portOutOfRangeInFileNamesFileAndKey() throws IOException {
    Path yaml = file("bad.yaml", "http-port: 70000\n");

    assertThatThrownBy(() -> loader().load(Optional.of(yaml), ConfigFlags.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http-port")
        .hasMessageContaining(yaml + ":http-port")
        .hasMessageContaining("70000")
        .satisfies(
            e -> {
              ConfigException ce = (ConfigException) e;
              assertThat(ce.setting()).isEqualTo("http-port");
              assertThat(ce.source()).isEqualTo(yaml + ":http-port");
            });
  }

  @Test
  void unparsableNumberFromFlagNamesTheFlag() {
    assertThatThrownBy(
            () -> loader().load(ConfigFlags.none().put(Setting.BROKER_PORT, "--port", "90x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broker-port")
        .hasMessageContaining("from --port")
        .hasMessageContaining("not a port number");
  }

  @Test
  void flagOverridesABadFileValueOnlyWhenGiven() throws IOException {
    Path yaml = file("c.yaml", "http-port: -1\n");

    assertThat(
            loader()
                .load(Optional.of(yaml), ConfigFlags.none().put(Setting.HTTP_PORT, "7071"))
                .httpPort())
        .isEqualTo(7071);
    assertThatThrownBy(() -> loader().load(Optional.of(yaml), ConfigFlags.none()))
        .hasMessageContaining("c.yaml:http-port");
  }

  @Test
  void unknownKeyIsRejectedWithTheKnownOnes() throws IOException {
    Path props = file("c.properties", "http.port=7070\n");

    assertThatThrownBy(() -> loader().load(Optional.of(props), ConfigFlags.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(props + ":http.port")
        .hasMessageContaining("unknown setting")
        .hasMessageContaining("http-port");
  }

  @Test
  void negativeSizeIsRejected() {
    assertThatThrownBy(() -> loader().load(ConfigFlags.none().put(Setting.SPOOL_MAX_BYTES, "-5MB")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("spool-max-bytes")
        .hasMessageContaining("--spool-max-bytes")
        .hasMessageContaining("negative");
  }

  @Test
  void nestedYamlValueIsRejected() throws IOException {
    Path yaml = file("c.yaml", "data-dir:\n  path: /x\n");

    assertThatThrownBy(() -> loader().load(Optional.of(yaml), ConfigFlags.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(yaml + ":data-dir")
        .hasMessageContaining("single value");
  }

  @Test
  void duplicateYamlKeyIsRejected() throws IOException {
    Path yaml = file("c.yaml", "http-port: 1\nhttp-port: 2\n");

    assertThatThrownBy(() -> loader().load(Optional.of(yaml), ConfigFlags.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(yaml.toString())
        .hasMessageContaining("http-port");
  }

  @Test
  void missingFileAndUnknownFileTypeAreRejected() throws IOException {
    Path missing = tmp.resolve("nope.yaml");
    Path toml = file("c.toml", "http-port = 1\n");

    assertThatThrownBy(() -> loader().load(Optional.of(missing), ConfigFlags.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> loader().load(Optional.of(toml), ConfigFlags.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unsupported file type");
  }

  @Test
  void yamlThatIsNotAMapIsRejected() throws IOException {
    Path yaml = file("c.yaml", "- a\n- b\n");

    assertThatThrownBy(() -> loader().load(Optional.of(yaml), ConfigFlags.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("map of settings");
  }

  @Test
  void badBootstrapHostIdAndBooleanAreRejected() {
    assertThatThrownBy(
            () -> loader().load(ConfigFlags.none().put(Setting.BOOTSTRAP, "kafka:9092,kafka")))
        .hasMessageContaining("bootstrap")
        .hasMessageContaining("host:port");
    assertThatThrownBy(
            () -> loader().load(ConfigFlags.none().put(Setting.HOST_ID, "--host", "a b\u001b")))
        .hasMessageContaining("from --host")
        .hasMessageContaining("\\u001b");
    assertThatThrownBy(
            () ->
                loader()
                    .load(
                        ConfigFlags.none()
                            .put(Setting.EXACTLY_ONCE, "--exactly-once", "sometimes")))
        .hasMessageContaining("exactly-once")
        .hasMessageContaining("boolean");
  }

  @Test
  void streamThreadsComeFromTheFlagWithinTheirBounds() {
    assertThat(
            loader()
                .load(ConfigFlags.none().put(Setting.STREAM_THREADS, "--stream-threads", "4"))
                .streamThreads())
        .isEqualTo(4);
    for (String bad : new String[] {"0", "65", "two", "-1"}) {
      assertThatThrownBy(
              () ->
                  loader()
                      .load(
                          ConfigFlags.none().put(Setting.STREAM_THREADS, "--stream-threads", bad)))
          .as(bad)
          .hasMessageContaining("stream-threads")
          .hasMessageContaining("from --stream-threads");
    }
  }

  @Test
  void badDefaultHostNameIsReportedAsTheDefault() {
    ConfigLoader odd = new ConfigLoader(new ConfigDefaults(tmp, () -> "bad host"));

    assertThatThrownBy(() -> odd.load(ConfigFlags.none()))
        .hasMessageContaining("host-id")
        .hasMessageContaining("default (host name)");
  }
}
