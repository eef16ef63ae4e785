package dev.whence.topology.incident;

import dev.whence.avro.Alert;
import dev.whence.avro.Edge;
import dev.whence.graph.incident.IncidentSettings;
import dev.whence.schemas.Topics;
import dev.whence.topology.StoreNames;
import dev.whence.topology.rules.RuleSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds incident grouping: the detector's alerts and the cross-host stitched edges are keyed by one
 * constant, repartitioned ({@code incident-alerts}, {@code incident-hops}, one partition each) so
 * that they meet in one task, and {@code correlate-incidents} writes every alert, with its
 * incident, to {@code whence.alerts}. Alert volume is small; stitched edges between two hosts are
 * the only edges that take this path.
 */
public final class IncidentTopology {

  /** The one key of the incident repartition topic. */
  public static final String KEY = "incidents";

  /** The name of the first operator of the alerts' path, which receives the detector's alerts. */
  public static final String ALERT_INPUT = "incident-alert-of";

  private IncidentTopology() {}

  /** Adds the store, the repartition and the correlating processor with its sink. */
  public static void addTo(
      StreamsBuilder builder,
      KStream<String, Alert> alerts,
      KStream<String, Edge> stitched,
      IncidentSettings settings,
      RuleSet rules) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.INCIDENT_STATE),
            Serdes.String(),
            Serdes.ByteArray()));
    KStream<String, IncidentInput> fromAlerts =
        alerts
            .map(
                (k, a) -> KeyValue.<String, IncidentInput>pair(KEY, new IncidentInput.AlertIn(a)),
                Named.as(ALERT_INPUT))
            .repartition(single("incident-alerts"));
    KStream<String, IncidentInput> fromHops =
        stitched
            .filter((k, e) -> HopRecords.isCrossHostHop(e), Named.as("cross-host-hops"))
            .map(
                (k, e) -> KeyValue.<String, IncidentInput>pair(KEY, new IncidentInput.HopIn(e)),
                Named.as("incident-hop-of"))
            .repartition(single("incident-hops"));
    fromAlerts
        .merge(fromHops, Named.as("incident-inputs"))
        .process(
            () -> new IncidentProcessor(settings, rules),
            Named.as("correlate-incidents"),
            StoreNames.INCIDENT_STATE)
        .to(
            Topics.ALERTS.name(),
            Produced.with(Topics.ALERTS.key(), Topics.ALERTS.value()).withName("alerts-sink"));
  }

  /**
   * A one-partition repartition: both inputs meet in one task, and each producer's order is kept
   * (the upstream sub-topologies stay apart, unlike a merge before the repartition).
   */
  private static Repartitioned<String, IncidentInput> single(String name) {
    return Repartitioned.with(Serdes.String(), IncidentInput.serde())
        .withName(name)
        .withNumberOfPartitions(1);
  }
}
