package dev.whence.app.run;

import dev.whence.app.config.WhenceConfig;
import dev.whence.collector.publish.PublisherConfig;
import java.nio.file.Path;

/** The publisher settings a subcommand derives from the configuration. */
public final class PublisherSettings {

  private PublisherSettings() {}

  /**
   * The publisher's defaults, with the spool in {@code <spool-dir>/<name>} bounded by the
   * configured size.
   */
  public static PublisherConfig of(WhenceConfig config, String bootstrap, String name) {
    return at(config, bootstrap, config.spoolDir().resolve(name));
  }

  /**
   * The publisher's defaults, with the spool in {@code spoolDir} bounded by the configured size.
   */
  public static PublisherConfig at(WhenceConfig config, String bootstrap, Path spoolDir) {
    PublisherConfig defaults = PublisherConfig.defaults(bootstrap, spoolDir);
    long max = config.spoolMaxBytes();
    return defaults.withSpool(
        max, Math.min(defaults.spoolSegmentBytes(), Math.max(1, max / 4)), defaults.spoolSync());
  }
}
