package dev.whence.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the defaults of {@link WhenceConfig} depend on in the environment: the home directory (the
 * default data directory is {@code ~/.whence}) and the host name (the default host id).
 *
 * @param homeDir the user's home directory
 * @param hostName supplies the host name; called only when no host id is configured
 */
public record ConfigDefaults(Path homeDir, Supplier<String> hostName) {

  public ConfigDefaults {
    Objects.requireNonNull(homeDir, "homeDir");
    Objects.requireNonNull(hostName, "hostName");
  }

  /** The defaults of this process: {@code user.home} and the local host name. */
  public static ConfigDefaults system() {
    return new ConfigDefaults(
        Path.of(System.getProperty("user.home", ".")), ConfigDefaults::localHostName);
  }

  /** The default data directory, {@code ~/.whence}. */
  public Path dataDir() {
    return homeDir.resolve(".whence");
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String message = e.getMessage();
      int colon = message == null ? -1 : message.indexOf(':');
      return colon > 0 ? message.substring(0, colon) : "localhost";
    }
  }
}
