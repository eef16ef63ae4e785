package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.specific.SpecificRecord;

/** Whatever a record holds, decoding its encoding gives an equal record. */
class AvroSerdeRoundTripTest {

  private static final Map<Class<?>, AvroSerde<?>> SERDES = new HashMap<>();

  static {
    for (Topic<?, ?> topic : Topics.all()) {
      var serde = (AvroSerde<?>) topic.value();
      SERDES.put(serde.type(), serde);
    }
  }

  @Property(tries = 400)
  void eventsRoundTrip(@ForAll("events") Event event) {
    Statistics.label("objects").collect(event.getObject1() != null, event.getObject2() != null);
    int argc = event.getSubject().getArgv().size();
    Statistics.label("argv").collect(argc == 0 ? "empty" : argc < 100 ? "small" : "large");
    Statistics.label("raw").collect(event.getRaw().isEmpty() ? "empty" : "filled");

    assertThat(roundTrip(event)).isEqualTo(event);

    Statistics.label("objects")
        .coverage(
            c -> {
              c.check(true, true).count(n -> n > 0);
              c.check(false, false).count(n -> n > 0);
              c.check(true, false).count(n -> n > 0);
            });
    Statistics.label("argv")
        .coverage(
            c -> {
              c.check("empty").count(n -> n > 0);
              c.check("large").count(n -> n > 0);
            });
  }

  @Property(tries = 400)
  void everyOtherRecordTypeRoundTrips(@ForAll("otherRecords") SpecificRecord record) {
    Statistics.collect(record.getClass().getSimpleName());

    SpecificRecord decoded = roundTrip(record);

    // The generated equals compares doubles with !=, so a NaN score is never equal to itself;
    // field by field, doubles are compared exactly with Double.compare (NaN equals NaN).
    assertThat(decoded)
        .usingRecursiveComparison()
        .withComparatorForType(Double::compare, Double.class)
        .isEqualTo(record);
    if (!record.toString().contains("NaN")) {
      assertThat(decoded).isEqualTo(record);
    }

    Statistics.coverage(
        c -> {
          for (Class<?> type : SERDES.keySet()) {
            if (type != Event.class) {
              c.check(type.getSimpleName()).count(n -> n > 0);
            }
          }
        });
  }

  @Example
  void everyOperationSourceAndObjectKindRoundTrips() {
    for (Operation operation : Operation.values()) {
      for (SourceKind source : SourceKind.values()) {
        Event event = Samples.execEvent();
        event.setOperation(operation);
        event.setSource(source);
        assertThat(roundTrip(event)).isEqualTo(event);
      }
    }
    for (ObjectKind kind : ObjectKind.values()) {
      Event event = Samples.execEvent();
      event.setObject1(EventObject.newBuilder(event.getObject1()).setKind(kind).build());
      event.setObject2(null);
      assertThat(roundTrip(event)).isEqualTo(event);
    }
  }

  @Provide
  Arbitrary<Event> events() {
    return RecordArbitraries.of(Event.class);
  }

  @Provide
  Arbitrary<SpecificRecord> otherRecords() {
    List<Arbitrary<? extends SpecificRecord>> choices =
        SERDES.keySet().stream()
            .filter(type -> type != Event.class)
            .map(type -> RecordArbitraries.of(type.asSubclass(SpecificRecord.class)))
            .collect(java.util.stream.Collectors.toList());
    return Arbitraries.oneOf(choices);
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> T roundTrip(T record) {
    var serde = (AvroSerde<T>) SERDES.get(record.getClass());
    return serde.decode(serde.encode(record));
  }
}
