package dev.whence.app.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The recordings packed into the jar (from {@code recordings/}), which the demo replays. */
public final class BundledRecordings {

  /** Resource names of the bundled recordings, in replay order. */
  public static final List<String> NAMES = List.of("recordings/demo-linux-audit.log.gz");

  private BundledRecordings() {}

  /** Opens a bundled recording. */
  public static InputStream open(String name) throws IOException {
    InputStream in = BundledRecordings.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(
          "bundled recording "
              + name
              + " is missing from the jar (rebuild: mvn -pl app -am package)");
    }
    return in;
  }
}
