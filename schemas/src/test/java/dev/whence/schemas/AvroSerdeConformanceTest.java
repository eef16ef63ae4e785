package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * The serde's own encoder and decoder agree with Avro's reference ones: same bytes for every
 * record, and whatever mutated input the serde accepts, Avro decodes to the same record.
 */
class AvroSerdeConformanceTest {

  private static final List<AvroSerde<?>> SERDES =
      Topics.all().stream().<AvroSerde<?>>map(t -> (AvroSerde<?>) t.value()).toList();

  @Property(tries = 500)
  void encodesTheSameBytesAsAvrosSingleObjectEncoder(@ForAll("records") SpecificRecord record)
      throws Exception {
    var reference = new BinaryMessageEncoder<SpecificRecord>(GenericData.get(), record.getSchema());
    var buffer = reference.encode(record);
    byte[] expected = new byte[buffer.remaining()];
    buffer.get(expected);

    assertThat(serdeOf(record).encode(record)).isEqualTo(expected);
  }

  @Property(tries = 1000)
  void whatTheSerdeAcceptsAvroDecodesTheSame(
      @ForAll("records") SpecificRecord record,
      @ForAll("mutations") List<Tuple2<Integer, Byte>> mutations) {
    var serde = serdeOf(record);
    byte[] bytes = serde.encode(record);
    for (var mutation : mutations) {
      int body = bytes.length - AvroSerde.HEADER_LENGTH;
      bytes[AvroSerde.HEADER_LENGTH + mutation.get1() % body] = mutation.get2();
    }

    SpecificRecord ours;
    try {
      ours = serde.decode(bytes);
    } catch (RecordDecodingException e) {
      Statistics.collect("refused");
      return;
    }
    Statistics.collect("accepted");
    SpecificRecord avros = referenceDecode(record, bytes);
    assertThat(ours)
        .usingRecursiveComparison()
        .withComparatorForType(Double::compare, Double.class)
        .isEqualTo(avros);
  }

  private static SpecificRecord referenceDecode(SpecificRecord like, byte[] bytes) {
    var model = SpecificData.getForClass(like.getClass());
    var reader = new SpecificDatumReader<SpecificRecord>(like.getSchema(), like.getSchema(), model);
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                bytes, AvroSerde.HEADER_LENGTH, bytes.length - AvroSerde.HEADER_LENGTH, null);
    try {
      SpecificRecord decoded = reader.read(null, decoder);
      assertThat(decoder.isEnd()).as("Avro consumed every byte").isTrue();
      return decoded;
    } catch (Exception e) {
      throw new AssertionError("the serde accepted bytes that Avro refuses: " + e, e);
    }
  }

  @Provide
  Arbitrary<SpecificRecord> records() {
    return Arbitraries.oneOf(
        SERDES.stream()
            .map(s -> RecordArbitraries.of(s.type().asSubclass(SpecificRecord.class)))
            .toList());
  }

  @Provide
  Arbitrary<List<Tuple2<Integer, Byte>>> mutations() {
    return RecordArbitraries.byteMutations(3);
  }

  @SuppressWarnings("unchecked")
  private static AvroSerde<SpecificRecord> serdeOf(SpecificRecord record) {
    return (AvroSerde<SpecificRecord>)
        SERDES.stream().filter(s -> s.type() == record.getClass()).findFirst().orElseThrow();
  }
}
