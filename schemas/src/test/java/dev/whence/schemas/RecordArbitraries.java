package dev.whence.schemas;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * jqwik generators of generated Avro records, derived from their schemas: hostile unicode text
 * (control characters, quotes, backslashes, escapes, every plane), nulls in every nullable field,
 * every enum symbol, empty and large string arrays and maps.
 */
final class RecordArbitraries {

  private static final int[] AWKWARD_CODE_POINTS = {
    0, '\\', '"', '\'', '\n', '\r', '\t', '\b', '\f', 0x1b, 0x7f, 0x85, 0xa0, 0x2028, 0x2029,
    0xfeff, 0xfffd, 0xffff, 0x1f600, 0x10ffff, '%', '$', '{', '}', '/', ' '
  };

  private RecordArbitraries() {}

  /** Records of {@code type} with every field generated from its schema. */
  static <T extends SpecificRecord> Arbitrary<T> of(Class<T> type) {
    SpecificData model = SpecificData.getForClass(type);
    return valueOf(model.getSchema(type), model).map(type::cast);
  }

  /**
   * Text of up to {@code maxLength} code points; lone surrogates are left out because UTF-8 cannot
   * carry them (see {@code AvroSerdeTest#loneSurrogatesBecomeQuestionMarks}).
   */
  /**
   * {@code full} (an encoded record) with {@code removed} bytes of its body cut at {@code at}
   * (modulo the body's length) and {@code inserted} put in their place; the header is left whole.
   */
  static byte[] splice(byte[] full, int at, byte[] inserted, int removed) {
    int position = AvroSerde.HEADER_LENGTH + at % (full.length - AvroSerde.HEADER_LENGTH);
    int end = Math.min(full.length, position + removed);
    byte[] bytes = new byte[position + inserted.length + full.length - end];
    System.arraycopy(full, 0, bytes, 0, position);
    System.arraycopy(inserted, 0, bytes, position, inserted.length);
    System.arraycopy(full, end, bytes, position + inserted.length, full.length - end);
    return bytes;
  }

  /** One to {@code max} (position, byte) changes to make to an encoded record. */
  static Arbitrary<List<Tuple2<Integer, Byte>>> byteMutations(int max) {
    return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes())
        .as(Tuple::of)
        .list()
        .ofMinSize(1)
        .ofMaxSize(max);
  }

  static Arbitrary<String> text(int maxLength) {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0, 0x7f)),
            Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
            Tuple.of(2, Arbitraries.integers().between(0xe000, 0x10ffff)),
            Tuple.of(3, Arbitraries.ofSuppliers(awkwardCodePoints())));
    return codePoint
        .list()
        .ofMaxSize(maxLength)
        .map(
            points -> {
              var out = new StringBuilder();
              points.forEach(out::appendCodePoint);
              return out.toString();
            });
  }

  @SuppressWarnings("unchecked")
  private static java.util.function.Supplier<Integer>[] awkwardCodePoints() {
    java.util.function.Supplier<Integer>[] suppliers =
        new java.util.function.Supplier[AWKWARD_CODE_POINTS.length];
    for (int i = 0; i < suppliers.length; i++) {
      int point = AWKWARD_CODE_POINTS[i];
      suppliers[i] = () -> point;
    }
    return suppliers;
  }

  private static Arbitrary<Object> valueOf(Schema schema, SpecificData model) {
    return switch (schema.getType()) {
      case RECORD -> record(schema, model);
      case ENUM -> Arbitraries.of(schema.getEnumSymbols()).map(s -> model.createEnum(s, schema));
      case UNION -> union(schema, model);
      case ARRAY -> array(schema, model);
      case MAP ->
          Arbitraries.maps(text(24), text(80)).ofMaxSize(16).map(m -> (Object) new HashMap<>(m));
      case STRING -> text(64).map(s -> s);
      case BYTES ->
          Arbitraries.bytes().array(byte[].class).ofMaxSize(512).map(b -> ByteBuffer.wrap(b));
      case INT -> Arbitraries.integers().map(i -> i);
      case LONG -> Arbitraries.longs().map(l -> l);
      case DOUBLE ->
          Arbitraries.doubles()
              .withSpecialValue(Double.NaN)
              .withSpecialValue(Double.NEGATIVE_INFINITY)
              .map(d -> d);
      case BOOLEAN -> Arbitraries.of(true, false).map(b -> b);
      case NULL -> Arbitraries.just(null);
      default -> throw new IllegalArgumentException("no generator for " + schema);
    };
  }

  private static Arbitrary<Object> record(Schema schema, SpecificData model) {
    List<Arbitrary<Object>> fields = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      fields.add(valueOf(field.schema(), model));
    }
    return Combinators.combine(fields)
        .as(
            values -> {
              var record = (IndexedRecord) model.newRecord(null, schema);
              for (int i = 0; i < values.size(); i++) {
                record.put(i, values.get(i));
              }
              return record;
            });
  }

  private static Arbitrary<Object> union(Schema schema, SpecificData model) {
    List<Schema> branches = schema.getTypes();
    if (branches.size() == 2 && branches.get(0).getType() == Schema.Type.NULL) {
      return valueOf(branches.get(1), model).injectNull(0.3);
    }
    List<Arbitrary<Object>> choices = new ArrayList<>();
    branches.forEach(b -> choices.add(valueOf(b, model)));
    return Arbitraries.oneOf(choices);
  }

  private static Arbitrary<Object> array(Schema schema, SpecificData model) {
    Arbitrary<Object> items = valueOf(schema.getElementType(), model);
    if (schema.getElementType().getType() == Schema.Type.RECORD) {
      return items.list().ofMaxSize(4).map(l -> new ArrayList<>(l));
    }
    return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(List.<Object>of())),
            Tuple.of(6, items.list().ofMinSize(1).ofMaxSize(8)),
            Tuple.of(1, items.list().ofMinSize(200).ofMaxSize(1500)))
        .map(l -> new ArrayList<>(l));
  }
}
