package dev.whence.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The released versions of the top-level record schemas, oldest first.
 *
 * <p>Each release is a folder {@code v<N>/} holding one self-contained {@code <Record>.avsc} per
 * top-level record, listed in {@code releases.txt}, in the main resources under {@value
 * #RESOURCE_DIRECTORY} (the compatibility tests read the same folder), so that a reader resolves
 * records written by any released schema.
 */
public final class SchemaHistory {

  /** Class-path folder of the released schemas. */
  public static final String RESOURCE_DIRECTORY = "dev/whence/schemas/history";

  /** Name of the index listing the release folders, oldest first. */
  public static final String INDEX = "releases.txt";

  private SchemaHistory() {}

  /** The release folder names ({@code v1}, {@code v2}, ...), oldest first. */
  public static List<String> releases() {
    String index = read(RESOURCE_DIRECTORY + "/" + INDEX);
    if (index == null) {
      throw new IllegalStateException(
          "schema history index " + RESOURCE_DIRECTORY + "/" + INDEX + " is not on the class path");
    }
    List<String> releases = new ArrayList<>();
    for (String line : index.split("\n")) {
      String release = line.strip();
      if (!release.isEmpty() && !release.startsWith("#")) {
        releases.add(release);
      }
    }
    return List.copyOf(releases);
  }

  /**
   * Every released schema of the record with this simple name ({@code Event}, {@code Node}, ...),
   * oldest first; empty when the record was never released.
   */
  public static List<Schema> released(String recordName) {
    List<Schema> schemas = new ArrayList<>();
    for (String release : releases()) {
      String path = RESOURCE_DIRECTORY + "/" + release + "/" + recordName + ".avsc";
      String json = read(path);
      if (json != null) {
        try {
          schemas.add(new Schema.Parser().parse(json));
        } catch (RuntimeException e) {
          throw new IllegalStateException("released schema " + path + " does not parse: " + e, e);
        }
      }
    }
    return List.copyOf(schemas);
  }

  private static String read(String path) {
    try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
