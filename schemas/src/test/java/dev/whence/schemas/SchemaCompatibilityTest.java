package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * Each current top-level schema must read every released version (backward) and be readable by it
 * (forward). Releases are discovered by listing {@code
 * src/main/resources/dev/whence/schemas/history}.
 */
class SchemaCompatibilityTest {

  @Test
  void everyCurrentSchemaIsBackwardAndForwardCompatibleWithEveryRelease() throws Exception {
    Map<String, Schema> current = currentSchemas();
    int checked = 0;
    for (Path release : releaseFolders()) {
      for (Path file : avscFiles(release)) {
        String record = file.getFileName().toString().replace(".avsc", "");
        assertThat(current)
            .as("%s/%s is no longer a top-level record", release.getFileName(), record)
            .containsKey(record);
        Schema released = new Schema.Parser().parse(file.toFile());
        assertThat(problems(current.get(record), released))
            .as("%s against %s", record, release.getFileName())
            .isEmpty();
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(current.size());
  }

  @Test
  void everyTopLevelRecordHasBeenReleased() throws Exception {
    var released = new ArrayList<String>();
    for (Path release : releaseFolders()) {
      avscFiles(release)
          .forEach(f -> released.add(f.getFileName().toString().replace(".avsc", "")));
    }
    assertThat(released).containsAll(currentSchemas().keySet());
  }

  @Test
  void theIndexListsExactlyTheReleaseFoldersAndTheJarCarriesThem() throws Exception {
    List<String> folders =
        releaseFolders().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());

    assertThat(SchemaHistory.releases()).containsExactlyElementsOf(folders);
    for (String record : currentSchemas().keySet()) {
      long onDisk =
          releaseFolders().stream().filter(r -> Files.exists(r.resolve(record + ".avsc"))).count();
      assertThat(SchemaHistory.released(record)).hasSize((int) onDisk);
    }
  }

  @Test
  void detectsANewFieldWithoutDefault() throws Exception {
    Schema released = releasedEvent();
    Schema changed = withField(released, new Schema.Field("tenant", string(), "Tenant id."));

    assertThat(problems(changed, released))
        .anySatisfy(p -> assertThat(p).startsWith("backward").contains("tenant"));
  }

  @Test
  void detectsARemovedFieldThatHadNoDefault() throws Exception {
    Schema released = releasedEvent();
    Schema changed = withoutField(released, "host");

    assertThat(problems(changed, released))
        .anySatisfy(p -> assertThat(p).startsWith("forward").contains("host"));
  }

  @Test
  void detectsADefaultRemovedFromAFieldThatAReleaseLacks() throws Exception {
    Schema released = releasedEvent();
    Schema withDefault =
        withField(released, new Schema.Field("tenant", string(), "Tenant id.", "none"));
    assertThat(problems(withDefault, released)).isEmpty();

    Schema defaultRemoved = withField(released, new Schema.Field("tenant", string(), "Tenant id."));
    assertThat(problems(defaultRemoved, released)).isNotEmpty();
  }

  @Test
  void detectsAChangedType() throws Exception {
    Schema released = releasedEvent();
    var fields = new ArrayList<Schema.Field>();
    for (Schema.Field field : released.getFields()) {
      Schema type = field.name().equals("sequence") ? string() : field.schema();
      fields.add(new Schema.Field(field, type));
    }
    Schema changed = record(released, fields);

    assertThat(problems(changed, released)).hasSize(2);
  }

  @Test
  void acceptsAnEnumSymbolAddedAtTheEndThanksToTheEnumDefault() throws Exception {
    Schema released = releasedEvent();
    Schema changed = withOperationSymbols(released, "KEXEC_LOAD", true);

    assertThat(problems(changed, released)).isEmpty();
  }

  @Test
  void detectsAnEnumSymbolAddedToAnEnumWithoutDefault() throws Exception {
    Schema released = withOperationSymbols(releasedEvent(), null, false);
    Schema changed = withOperationSymbols(released, "KEXEC_LOAD", false);

    assertThat(problems(changed, released))
        .anySatisfy(p -> assertThat(p).startsWith("forward").contains("KEXEC_LOAD"));
  }

  /** The Event schema with a symbol added to Operation and, unless kept, its default removed. */
  private static Schema withOperationSymbols(Schema event, String added, boolean keepDefault)
      throws IOException {
    var mapper = new ObjectMapper();
    JsonNode root = mapper.readTree(event.toString());
    for (JsonNode field : root.get("fields")) {
      JsonNode type = field.get("type");
      if (type.isObject() && "Operation".equals(type.path("name").asText())) {
        var operation = (ObjectNode) type;
        if (added != null) {
          ((ArrayNode) operation.get("symbols")).add(added);
        }
        if (!keepDefault) {
          operation.remove("default");
        }
      }
    }
    return new Schema.Parser().parse(mapper.writeValueAsString(root));
  }

  /** Incompatibilities of {@code current} with {@code released}, in both directions. */
  static List<String> problems(Schema current, Schema released) {
    var problems = new ArrayList<String>();
    var backward = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
    if (backward.getType() != SchemaCompatibilityType.COMPATIBLE) {
      problems.add("backward (current reads released): " + backward.getDescription());
    }
    var forward = SchemaCompatibility.checkReaderWriterCompatibility(released, current);
    if (forward.getType() != SchemaCompatibilityType.COMPATIBLE) {
      problems.add("forward (released reads current): " + forward.getDescription());
    }
    return problems;
  }

  /** The current schema of each top-level record, by simple name, from the topic registry. */
  static Map<String, Schema> currentSchemas() {
    Map<String, Schema> schemas = new TreeMap<>();
    for (Topic<?, ?> topic : Topics.all()) {
      Class<?> type = ((AvroSerde<?>) topic.value()).type();
      schemas.put(type.getSimpleName(), SpecificData.get().getSchema(type));
    }
    return schemas;
  }

  static List<Path> releaseFolders() throws IOException, URISyntaxException {
    Path history =
        Path.of(
            Objects.requireNonNull(
                    SchemaCompatibilityTest.class.getResource(
                        "/" + SchemaHistory.RESOURCE_DIRECTORY))
                .toURI());
    try (Stream<Path> entries = Files.list(history)) {
      return entries
          .filter(Files::isDirectory)
          .sorted((a, b) -> Integer.compare(versionNumber(a), versionNumber(b)))
          .collect(Collectors.toList());
    }
  }

  private static int versionNumber(Path release) {
    String name = release.getFileName().toString();
    assertThat(name).as("release folder name").matches("v[1-9][0-9]*");
    return Integer.parseInt(name.substring(1));
  }

  private static List<Path> avscFiles(Path release) throws IOException {
    try (Stream<Path> files = Files.list(release)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".avsc"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static Schema releasedEvent() throws Exception {
    return new Schema.Parser().parse(releaseFolders().get(0).resolve("Event.avsc").toFile());
  }

  private static Schema string() {
    return Schema.create(Schema.Type.STRING);
  }

  private static Schema withField(Schema base, Schema.Field added) {
    var fields = new ArrayList<Schema.Field>();
    base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(added);
    return record(base, fields);
  }

  private static Schema withoutField(Schema base, String name) {
    var fields = new ArrayList<Schema.Field>();
    base.getFields().stream()
        .filter(f -> !f.name().equals(name))
        .forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    return record(base, fields);
  }

  private static Schema record(Schema base, List<Schema.Field> fields) {
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }
}
