package dev.whence.app.config;

/**
 * A setting has a bad value, or a configuration file cannot be used. The message names the setting
 * and where its value came from ({@code file:key}, {@code --flag} or the default).
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String source;

  /** A bad value of {@code setting} given by {@code source}; {@code reason} says what is wrong. */
  public ConfigException(String setting, String source, String reason) {
    super("invalid " + setting + " (from " + source + "): " + reason);
    this.setting = setting;
    this.source = source;
  }

  /** A configuration file that cannot be read at all. */
  public static ConfigException unreadableFile(String file, String reason) {
    return new ConfigException("configuration file", file, reason);
  }

  /** The setting (file key) that is wrong. */
  public String setting() {
    return setting;
  }

  /** Where the value came from: {@code file:key}, {@code --flag} or {@code default}. */
  public String source() {
    return source;
  }
}
