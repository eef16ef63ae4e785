package dev.whence.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.incident.IncidentSettings;
import dev.whence.topology.StreamsSettings;
import dev.whence.topology.graph.GraphSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Loads a {@link WhenceConfig}: the defaults, overridden by an optional file (YAML or {@code
 * .properties}), overridden by command-line flags. Every value is checked; the first bad one fails
 * with a {@link ConfigException} naming the setting and its source.
 *
 * <p>File keys are the flag names without dashes ({@code http-port: 7070}); a YAML file is one flat
 * map of single values. Relative paths are resolved against the working directory.
 */
public final class ConfigLoader {

  /** The largest configuration file accepted. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  /** Default spool limit: 1 GiB. */
  public static final long DEFAULT_SPOOL_MAX_BYTES = 1024L * 1024 * 1024;

  /** Default interval of collector status records. */
  public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(10);

  /** Default Kafka Streams application id. */
  public static final String DEFAULT_APPLICATION_ID = "whence-topology";

  /** Whether the topology runs with exactly_once_v2 unless configured otherwise. */
  public static final boolean DEFAULT_EXACTLY_ONCE = true;

  private final ConfigDefaults defaults;

  /** A loader whose defaults depend on {@code defaults}. */
  public ConfigLoader(ConfigDefaults defaults) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

  /** A loader with the defaults of this process ({@link ConfigDefaults#system()}). */
  public static ConfigLoader system() {
    return new ConfigLoader(ConfigDefaults.system());
  }

  /** The configuration from the defaults and {@code flags}, without a file. */
  public WhenceConfig load(ConfigFlags flags) {
    return load(Optional.empty(), flags);
  }

  /**
   * The configuration from the defaults, then {@code file} if present, then {@code flags}.
   *
   * @throws ConfigException if the file cannot be read or holds an unknown key, or any value is bad
   */
  public WhenceConfig load(Optional<Path> file, ConfigFlags flags) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(flags, "flags");
    Map<Setting, Sourced> values = new EnumMap<>(Setting.class);
    file.ifPresent(f -> readFile(f).forEach(values::put));
    flags.values().forEach((s, v) -> values.put(s, new Sourced(v.value(), v.flag())));

    Optional<String> bootstrap =
        Optional.ofNullable(values.get(Setting.BOOTSTRAP))
            .map(v -> parse(Setting.BOOTSTRAP, v, SettingValues::bootstrap))
            .filter(b -> !b.isEmpty());
    int brokerPort =
        get(values, Setting.BROKER_PORT, SettingValues::port, WhenceConfig.DEFAULT_BROKER_PORT);
    int httpPort =
        get(values, Setting.HTTP_PORT, SettingValues::port, WhenceConfig.DEFAULT_HTTP_PORT);
    Function<String, Path> path = t -> SettingValues.path(t, defaults.homeDir());
    Path dataDir = get(values, Setting.DATA_DIR, path, defaults.dataDir().toAbsolutePath());
    String hostId =
        parse(
            Setting.HOST_ID,
            values.getOrDefault(
                Setting.HOST_ID, new Sourced(defaults.hostName().get(), "default (host name)")),
            SettingValues::hostId);
    Path spoolDir = get(values, Setting.SPOOL_DIR, path, dataDir.resolve("spool"));
    long spoolMaxBytes =
        get(values, Setting.SPOOL_MAX_BYTES, SettingValues::size, DEFAULT_SPOOL_MAX_BYTES);
    Duration statusInterval =
        get(values, Setting.STATUS_INTERVAL, SettingValues::interval, DEFAULT_STATUS_INTERVAL);
    String applicationId =
        get(values, Setting.APPLICATION_ID, SettingValues::applicationId, DEFAULT_APPLICATION_ID);
    Path stateDir = get(values, Setting.STATE_DIR, path, dataDir.resolve("streams"));
    boolean exactlyOnce =
        get(values, Setting.EXACTLY_ONCE, SettingValues::bool, DEFAULT_EXACTLY_ONCE);
    int streamThreads =
        get(
            values,
            Setting.STREAM_THREADS,
            t -> SettingValues.count(t, 1, StreamsSettings.MAX_STREAM_THREADS),
            StreamsSettings.defaultStreamThreads());

    return new WhenceConfig(
        bootstrap,
        brokerPort,
        httpPort,
        dataDir,
        hostId,
        spoolDir,
        spoolMaxBytes,
        statusInterval,
        applicationId,
        stateDir,
        exactlyOnce,
        streamThreads,
        graphSettings(values));
  }

  /**
   * How the topology runs the graph under {@code values}: {@link GraphSettings#defaults()} with
   * each value that is set, parsed within the bounds of the record that holds it.
   */
  private static GraphSettings graphSettings(Map<Setting, Sourced> values) {
    GraphSettings defaults = GraphSettings.defaults();
    GraphConfig config = defaults.config();
    IncidentSettings incidents = defaults.incidents();
    Function<String, Duration> retention =
        t -> SettingValues.duration(t, GraphConfig.MAX_RETENTION);
    return new GraphSettings(
        config
            .withRetention(
                get(values, Setting.PROCESS_IDLE_TTL, retention, config.processIdleTtl()),
                get(
                    values,
                    Setting.EXITED_PROCESS_GRACE,
                    t -> SettingValues.duration(t, GraphConfig.MAX_EXITED_PROCESS_GRACE),
                    config.exitedProcessGrace()),
                get(values, Setting.FILE_IDLE_TTL, retention, config.fileIdleTtl()))
            .withDedupIdleTtl(
                get(values, Setting.DEDUP_IDLE_TTL, retention, config.dedupIdleTtl())),
        get(
            values,
            Setting.GRAPH_CACHE_ENTRIES,
            t -> SettingValues.count(t, GraphSettings.MAX_CACHE_ENTRIES),
            defaults.cacheEntries()),
        get(
            values,
            Setting.GRAPH_EXPIRY_INTERVAL,
            t ->
                SettingValues.duration(
                    t, GraphSettings.MIN_EXPIRY_INTERVAL, GraphSettings.MAX_EXPIRY_INTERVAL),
            defaults.expiryInterval()),
        get(
            values,
            Setting.STITCH_WINDOW,
            t -> SettingValues.duration(t, GraphSettings.MAX_STITCH_WINDOW),
            defaults.stitchWindow()),
        new IncidentSettings(
            get(
                values,
                Setting.INCIDENT_WINDOW,
                t -> SettingValues.duration(t, IncidentSettings.MAX_WINDOW),
                incidents.window()),
            get(
                values,
                Setting.INCIDENT_MAX_MEMBERS,
                t -> SettingValues.count(t, IncidentSettings.MAX_MEMBERS),
                incidents.maxMembers()),
            get(
                values,
                Setting.INCIDENT_MAX_CHAIN,
                t -> SettingValues.count(t, IncidentSettings.MIN_CHAIN, IncidentSettings.MAX_CHAIN),
                incidents.maxChain())));
  }

  /** The settings of a YAML or properties file, each with {@code file:key} as its source. */
  Map<Setting, Sourced> readFile(Path file) {
    String name = file.toString();
    String text = readText(file, name);
    String lower = file.getFileName() == null ? "" : file.getFileName().toString();
    lower = lower.toLowerCase(Locale.ROOT);
    Map<String, String> raw;
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      raw = parseYaml(text, name);
    } else if (lower.endsWith(".properties")) {
      raw = parseProperties(text, name);
    } else {
      throw ConfigException.unreadableFile(
          name, "unsupported file type (use .yaml, .yml or .properties)");
    }
    Map<Setting, Sourced> settings = new EnumMap<>(Setting.class);
    raw.forEach(
        (key, value) -> {
          String source = name + ":" + SettingValues.printable(key);
          Setting setting =
              Setting.byKey(key)
                  .orElseThrow(
                      () ->
                          new ConfigException(
                              SettingValues.printable(key),
                              source,
                              "unknown setting (known settings: " + Setting.allKeys() + ")"));
          settings.put(setting, new Sourced(value, source));
        });
    return settings;
  }

  private static String readText(Path file, String name) {
    try {
      if (!Files.isRegularFile(file)) {
        throw ConfigException.unreadableFile(name, "no such file");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw ConfigException.unreadableFile(
            name, "file is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw ConfigException.unreadableFile(name, "not UTF-8 text");
    } catch (IOException e) {
      throw ConfigException.unreadableFile(name, "cannot read: " + e.getMessage());
    }
  }

  private static Map<String, String> parseYaml(String text, String name) {
    ObjectMapper mapper =
        YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JacksonException e) {
      throw ConfigException.unreadableFile(name, "not valid YAML: " + e.getOriginalMessage());
    }
    Map<String, String> raw = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return raw;
    }
    if (!root.isObject()) {
      throw ConfigException.unreadableFile(name, "expected a map of settings at the top level");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        raw.put(field.getKey(), "");
      } else if (value.isValueNode()) {
        raw.put(field.getKey(), value.asText());
      } else {
        throw new ConfigException(
            SettingValues.printable(field.getKey()),
            name + ":" + SettingValues.printable(field.getKey()),
            "expected a single value, not " + (value.isArray() ? "a list" : "a map"));
      }
    }
    return raw;
  }

  private static Map<String, String> parseProperties(String text, String name) {
    Properties props = new Properties();
    try (Reader reader = new StringReader(text)) {
      props.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw ConfigException.unreadableFile(name, "not a valid properties file: " + e.getMessage());
    }
    Map<String, String> raw = new LinkedHashMap<>();
    props.stringPropertyNames().stream().sorted().forEach(k -> raw.put(k, props.getProperty(k)));
    return raw;
  }

  private static <T> T get(
      Map<Setting, Sourced> values, Setting setting, Function<String, T> parser, T fallback) {
    Sourced value = values.get(setting);
    return value == null ? fallback : parse(setting, value, parser);
  }

  private static <T> T parse(Setting setting, Sourced value, Function<String, T> parser) {
    try {
      return parser.apply(value.text());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting.key(), value.source(), e.getMessage());
    }
  }

  /** A raw setting value and where it came from. */
  record Sourced(String text, String source) {}
}
