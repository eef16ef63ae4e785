package dev.whence.topology;

import dev.whence.schemas.Topics;
import dev.whence.topology.decode.CachingStringDeserializer;
import dev.whence.topology.detect.DefaultRules;
import dev.whence.topology.graph.GraphSettings;
import dev.whence.topology.graph.GraphTopology;
import dev.whence.topology.rules.RuleSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Whence topology: one processor decodes each record of {@code whence.events} (refusing what
 * cannot be read to the dead-letter topic), tallies events per host and operation, and builds the
 * provenance graph (see {@link GraphTopology}); the topology also keeps the latest collector status
 * and the rejection counts for the query service. Building it does no I/O.
 */
public final class ProvenanceTopology {

  private ProvenanceTopology() {}

  /** Builds the topology over the topics of {@link Topics} with the default graph settings. */
  public static Topology build() {
    return build(GraphSettings.defaults());
  }

  /** Builds the topology with the default graph settings, detecting with {@code rules}. */
  public static Topology build(RuleSet rules) {
    return build(GraphSettings.defaults(), rules);
  }

  /** Builds the topology over the topics of {@link Topics} with the default rule pack. */
  public static Topology build(GraphSettings graph) {
    return build(graph, DefaultRules.load());
  }

  /**
   * Builds the topology over the topics of {@link Topics}; detection starts from {@code rules} (the
   * bundled pack: {@link DefaultRules#load()}), overridden by rule id by what {@code whence.rules}
   * publishes.
   */
  public static Topology build(GraphSettings graph, RuleSet rules) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, byte[]> events =
        builder.stream(
            Topics.EVENTS.name(),
            Consumed.with(
                    Serdes.serdeFrom(new StringSerializer(), new CachingStringDeserializer()),
                    Serdes.ByteArray())
                .withName("events-source"));
    GraphTopology.addTo(builder, events, graph, rules);

    builder.stream(
            Topics.EVENTS_DLQ.name(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("rejections-source"))
        .groupByKey(Grouped.as("rejections-by-host"))
        .count(
            Named.as("count-rejections"),
            Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(
                    StoreNames.REJECTED_PER_HOST)
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long()));

    builder.table(
        Topics.STATUS.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("status-source"),
        Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(StoreNames.COLLECTOR_STATUS)
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.ByteArray()));

    builder.table(
        Topics.ALERTS.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("alerts-source"),
        Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(StoreNames.ALERTS)
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.ByteArray()));

    return builder.build();
  }
}
