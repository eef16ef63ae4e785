package dev.whence.app.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The settings given on the command line, each with the flag that gave it (for error messages).
 * Values are the flag's text; a {@code null} value means the flag was not given and is ignored.
 */
public final class ConfigFlags {

  /** A flag's value and the flag's name. */
  record FlagValue(String flag, String value) {}

  private final Map<Setting, FlagValue> values = new EnumMap<>(Setting.class);

  /** An empty set of flags. */
  public static ConfigFlags none() {
    return new ConfigFlags();
  }

  /** Sets {@code setting} from its usual flag ({@link Setting#flag()}); ignores {@code null}. */
  public ConfigFlags put(Setting setting, String value) {
    return put(setting, setting.flag(), value);
  }

  /**
   * Sets {@code setting} from the flag {@code flag} (e.g. {@code --port}); ignores {@code null}.
   */
  public ConfigFlags put(Setting setting, String flag, String value) {
    if (value != null) {
      values.put(setting, new FlagValue(flag, value));
    }
    return this;
  }

  /** Sets a boolean setting when the flag was given ({@code Boolean.TRUE} or {@code FALSE}). */
  public ConfigFlags put(Setting setting, String flag, Boolean value) {
    return put(setting, flag, value == null ? null : value.toString());
  }

  Map<Setting, FlagValue> values() {
    return Collections.unmodifiableMap(values);
  }
}
