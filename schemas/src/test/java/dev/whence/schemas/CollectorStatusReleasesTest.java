package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.CollectorStatus;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats written by a collector of an earlier release decode with the current schema, the
 * reader figures added in v3 as 0; and a v3 heartbeat keeps them.
 */
class CollectorStatusReleasesTest {

  private static final List<String> READER_FIGURES = List.of("socketOverruns", "recordsSpilled");

  private final AvroSerde<CollectorStatus> serde = new AvroSerde<>(CollectorStatus.class);

  @Test
  void aHeartbeatOfAnEarlierReleaseReadsTheReaderFiguresAsZero() throws Exception {
    List<Schema> older =
        SchemaHistory.released("CollectorStatus").stream()
            .filter(s -> READER_FIGURES.stream().allMatch(f -> s.getField(f) == null))
            .toList();
    assertThat(older).as("releases before the reader figures").isNotEmpty();

    for (Schema released : older) {
      GenericRecord written = heartbeat(released).build();
      ByteBuffer bytes =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(written);

      CollectorStatus read = serde.decode(toArray(bytes));

      assertThat(read.getHost()).isEqualTo("web-1");
      assertThat(read.getEventsRead()).isEqualTo(480);
      assertThat(read.getEventsPublished()).isEqualTo(470);
      assertThat(read.getSocketOverruns()).isZero();
      assertThat(read.getRecordsSpilled()).isZero();
    }
  }

  @Test
  void theNewestReleaseWritesTheReaderFigures() throws Exception {
    List<Schema> releases = SchemaHistory.released("CollectorStatus");
    Schema newest = releases.get(releases.size() - 1);
    GenericRecord written =
        heartbeat(newest).set("socketOverruns", 3L).set("recordsSpilled", 12_345L).build();
    ByteBuffer bytes =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newest).encode(written);

    CollectorStatus read = serde.decode(toArray(bytes));

    assertThat(read.getSocketOverruns()).isEqualTo(3);
    assertThat(read.getRecordsSpilled()).isEqualTo(12_345);
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

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
