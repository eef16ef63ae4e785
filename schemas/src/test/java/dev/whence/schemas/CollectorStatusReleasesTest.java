package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.CollectorStatus;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats written by a collector of an earlier release decode with the current schema, each
 * reader figure that release lacked (socketOverruns and recordsSpilled from v3, readerStalls from
 * v4) as 0; and a heartbeat of the newest release keeps them all.
 */
class CollectorStatusReleasesTest {

  private static final Map<String, ToLongFunction<CollectorStatus>> READER_FIGURES =
      Map.of(
          "socketOverruns", CollectorStatus::getSocketOverruns,
          "recordsSpilled", CollectorStatus::getRecordsSpilled,
          "readerStalls", CollectorStatus::getReaderStalls);

  private final AvroSerde<CollectorStatus> serde = new AvroSerde<>(CollectorStatus.class);

  @Test
  void everyReaderFigureIsMissingFromSomeEarlierRelease() {
    List<Schema> releases = SchemaHistory.released("CollectorStatus");
    assertThat(READER_FIGURES.keySet())
        .allSatisfy(
            figure ->
                assertThat(releases)
                    .as("releases without %s", figure)
                    .anySatisfy(s -> assertThat(s.getField(figure)).isNull()));
  }

  @Test
  void readerStallsArrivedInV4() {
    List<String> names = SchemaHistory.releases();
    List<Schema> releases = SchemaHistory.released("CollectorStatus");
    for (int i = 0; i < names.size(); i++) {
      boolean hasStalls = releases.get(i).getField("readerStalls") != null;
      assertThat(hasStalls)
          .as(names.get(i))
          .isEqualTo(!List.of("v1", "v2", "v3").contains(names.get(i)));
    }
  }

  @Test
  void aHeartbeatOfAnEarlierReleaseReadsTheFiguresItLackedAsZero() throws Exception {
    List<String> names = SchemaHistory.releases();
    List<Schema> releases = SchemaHistory.released("CollectorStatus");
    int checked = 0;
    for (int i = 0; i < releases.size(); i++) {
      Schema released = releases.get(i);
      GenericRecordBuilder builder = heartbeat(released);
      READER_FIGURES.keySet().stream()
          .filter(figure -> released.getField(figure) != null)
          .forEach(figure -> builder.set(figure, 7L));

      CollectorStatus read = serde.decode(encode(released, builder.build()));

      assertThat(read.getHost()).isEqualTo("web-1");
      assertThat(read.getEventsRead()).isEqualTo(480);
      assertThat(read.getEventsPublished()).isEqualTo(470);
      for (Map.Entry<String, ToLongFunction<CollectorStatus>> figure : READER_FIGURES.entrySet()) {
        long expected = released.getField(figure.getKey()) == null ? 0 : 7;
        assertThat(figure.getValue().applyAsLong(read))
            .as("%s written with %s", figure.getKey(), names.get(i))
            .isEqualTo(expected);
        checked += released.getField(figure.getKey()) == null ? 1 : 0;
      }
    }
    assertThat(checked).as("figures read as 0 from an earlier release").isPositive();
  }

  @Test
  void theNewestReleaseWritesTheReaderFigures() throws Exception {
    List<Schema> releases = SchemaHistory.released("CollectorStatus");
    Schema newest = releases.get(releases.size() - 1);
    GenericRecord written =
        heartbeat(newest)
            .set("socketOverruns", 3L)
            .set("recordsSpilled", 12_345L)
            .set("readerStalls", 9L)
            .build();

    CollectorStatus read = serde.decode(encode(newest, written));

    assertThat(read.getSocketOverruns()).isEqualTo(3);
    assertThat(read.getRecordsSpilled()).isEqualTo(12_345);
    assertThat(read.getReaderStalls()).isEqualTo(9);
    assertThat(read.getEventsRead()).isEqualTo(480);
  }

  private static GenericRecordBuilder heartbeat(Schema schema) {
    Schema source = schema.getField("source").schema();
    return new GenericRecordBuilder(schema)
        .set("host", "web-1")
        .set("boot", "boot-1")
        .set("source", new GenericData.EnumSymbol(source, "LINUX_AUDIT"))
        .set("collectorId", "c-1")
        .set("timestampNanos", 1_000L)
        .set("eventsRead", 480L)
        .set("eventsPublished", 470L);
  }

  private static byte[] encode(Schema schema, GenericRecord record) throws Exception {
    ByteBuffer buffer =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
