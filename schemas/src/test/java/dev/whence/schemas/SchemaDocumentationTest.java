package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Every record, enum and field of every schema explains itself. */
class SchemaDocumentationTest {

  @Test
  void everyNamedTypeAndFieldHasADoc() {
    var missing = new ArrayList<String>();
    var seen = new HashSet<String>();
    SchemaCompatibilityTest.currentSchemas().values().forEach(s -> collect(s, seen, missing));

    assertThat(seen)
        .contains(
            "dev.whence.avro.Event",
            "dev.whence.avro.Subject",
            "dev.whence.avro.EventObject",
            "dev.whence.avro.ChainStep",
            "dev.whence.avro.Ancestor",
            "dev.whence.avro.SequenceGap",
            "dev.whence.avro.Operation");
    assertThat(missing).isEmpty();
  }

  @Test
  void theCheckFindsAMissingDoc() {
    var undocumented =
        Schema.createRecord(
            "Thing",
            "A thing.",
            "dev.whence.avro",
            false,
            List.of(new Schema.Field("name", Schema.create(Schema.Type.STRING), " ")));
    var missing = new ArrayList<String>();

    collect(undocumented, new HashSet<>(), missing);

    assertThat(missing).containsExactly("field dev.whence.avro.Thing.name");
  }

  private static void collect(Schema schema, Set<String> seen, List<String> missing) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          return;
        }
        requireDoc(schema.getDoc(), "record " + schema.getFullName(), missing);
        for (Schema.Field field : schema.getFields()) {
          requireDoc(field.doc(), "field " + schema.getFullName() + "." + field.name(), missing);
          collect(field.schema(), seen, missing);
        }
      }
      case ENUM, FIXED -> {
        if (seen.add(schema.getFullName())) {
          requireDoc(schema.getDoc(), schema.getType() + " " + schema.getFullName(), missing);
        }
      }
      case UNION -> schema.getTypes().forEach(t -> collect(t, seen, missing));
      case ARRAY -> collect(schema.getElementType(), seen, missing);
      case MAP -> collect(schema.getValueType(), seen, missing);
      default -> {}
    }
  }

  private static void requireDoc(String doc, String what, List<String> missing) {
    if (doc == null || doc.isBlank()) {
      missing.add(what);
    }
  }
}
