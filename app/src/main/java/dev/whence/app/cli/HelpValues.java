package dev.whence.app.cli;

import dev.whence.app.config.ConfigLoader;
import dev.whence.app.config.SettingValues;
import dev.whence.app.config.WhenceConfig;
import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.incident.IncidentSettings;
import dev.whence.topology.StreamsSettings;
import dev.whence.topology.graph.GraphSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;

/**
 * The defaults and bounds that help texts quote, taken from the constants the configuration uses so
 * that the help cannot drift from the behaviour. A command names this bundle in {@code
 * resourceBundle} and quotes a value as {@code ${bundle:KEY}}, where KEY is a setting's key and
 * {@code .default}, {@code .min} or {@code .max}, e.g. {@code ${bundle:stitch-window.default}}.
 */
public final class HelpValues extends ListResourceBundle {

  /** The bundle's name, for {@code @Command(resourceBundle = ...)}. */
  public static final String BUNDLE = "dev.whence.app.cli.HelpValues";

  @Override
  protected Object[][] getContents() {
    GraphSettings graph = GraphSettings.defaults();
    GraphConfig config = graph.config();
    IncidentSettings incidents = graph.incidents();
    List<Object[]> values = new ArrayList<>();
    put(values, "http-port.default", WhenceConfig.DEFAULT_HTTP_PORT);
    put(values, "broker-port.default", WhenceConfig.DEFAULT_BROKER_PORT);
    put(values, "application-id.default", ConfigLoader.DEFAULT_APPLICATION_ID);
    put(values, "exactly-once.default", ConfigLoader.DEFAULT_EXACTLY_ONCE);
    put(values, "stream-threads.default", StreamsSettings.defaultStreamThreads());
    put(values, "stream-threads.max", StreamsSettings.MAX_STREAM_THREADS);
    put(
        values,
        "spool-max-bytes.default",
        SettingValues.spokenSize(ConfigLoader.DEFAULT_SPOOL_MAX_BYTES));
    put(values, "status-interval.default", ConfigLoader.DEFAULT_STATUS_INTERVAL);
    put(values, "graph-cache-entries.default", graph.cacheEntries());
    put(values, "graph-cache-entries.max", GraphSettings.MAX_CACHE_ENTRIES);
    put(values, "incident-window.default", incidents.window());
    put(values, "incident-window.max", IncidentSettings.MAX_WINDOW);
    put(values, "stitch-window.default", graph.stitchWindow());
    put(values, "stitch-window.max", GraphSettings.MAX_STITCH_WINDOW);
    put(values, "process-idle-ttl.default", config.processIdleTtl());
    put(values, "process-idle-ttl.max", GraphConfig.MAX_RETENTION);
    put(values, "exited-process-grace.default", config.exitedProcessGrace());
    put(values, "exited-process-grace.max", GraphConfig.MAX_EXITED_PROCESS_GRACE);
    put(values, "file-idle-ttl.default", config.fileIdleTtl());
    put(values, "file-idle-ttl.max", GraphConfig.MAX_RETENTION);
    put(values, "dedup-idle-ttl.default", config.dedupIdleTtl());
    put(values, "dedup-idle-ttl.max", GraphConfig.MAX_RETENTION);
    put(values, "graph-expiry-interval.default", graph.expiryInterval());
    put(values, "graph-expiry-interval.min", GraphSettings.MIN_EXPIRY_INTERVAL);
    put(values, "graph-expiry-interval.max", GraphSettings.MAX_EXPIRY_INTERVAL);
    put(values, "incident-max-members.default", incidents.maxMembers());
    put(values, "incident-max-members.max", IncidentSettings.MAX_MEMBERS);
    put(values, "incident-max-chain.default", incidents.maxChain());
    put(values, "incident-max-chain.min", IncidentSettings.MIN_CHAIN);
    put(values, "incident-max-chain.max", IncidentSettings.MAX_CHAIN);
    return values.toArray(Object[][]::new);
  }

  private static void put(List<Object[]> values, String key, Object value) {
    String text = value instanceof Duration d ? SettingValues.spoken(d) : String.valueOf(value);
    values.add(new Object[] {key, text});
  }
}
