package dev.whence.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code whence --version}: the Whence, Kafka and Java versions. */
public final class VersionProvider implements IVersionProvider {

  /** The version of this build, from the {@code version.properties} resource. */
  public static String whenceVersion() {
    return resourceVersion("/dev/whence/app/version.properties");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "whence " + whenceVersion(),
      "Kafka " + resourceVersion("/kafka/kafka-version.properties") + ", Java " + Runtime.version()
    };
  }

  private static String resourceVersion(String resource) {
    Properties props = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return props.getProperty("version", "unknown");
  }
}
