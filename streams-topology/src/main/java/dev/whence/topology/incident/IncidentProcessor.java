package dev.whence.topology.incident;

import dev.whence.avro.Alert;
import dev.whence.avro.Edge;
import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.incident.CrossHostHop;
import dev.whence.graph.incident.ExpiredMembers;
import dev.whence.graph.incident.IncidentChanges;
import dev.whence.graph.incident.IncidentCorrelator;
import dev.whence.graph.incident.IncidentSettings;
import dev.whence.graph.incident.LateralMovementRule;
import dev.whence.schemas.Topics;
import dev.whence.topology.StoreNames;
import dev.whence.topology.detect.AlertRecords;
import dev.whence.topology.detect.PublishedRules;
import dev.whence.topology.detect.RuleBook;
import dev.whence.topology.rules.RuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of {@code whence.alerts}: feeds every alert and cross-host hop to an {@link
 * IncidentCorrelator}, emits each alert with its {@code incidentId}, re-emits the alerts whose
 * incident changed, and emits the lateral-movement alerts it raises (key: alert id).
 *
 * <p>The store {@code incident-state} holds the latest alert as emitted ({@code a/ID}) and each hop
 * ({@code h/ID}); at start the correlator is rebuilt from it, which gives the same grouping
 * whatever the order (a property of the correlator). Expiry runs on stream time, and early when the
 * correlator holds a tenth more than its bound (a burst of connections); the lateral movement rule
 * follows the rules in force (bundled, overridden by {@code whence.rules}).
 */
public final class IncidentProcessor implements Processor<String, IncidentInput, String, Alert> {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentProcessor.class);
  private static final String ALERT = "a/";
  private static final String HOP = "h/";
  private static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(30);

  private final IncidentSettings settings;
  private final PublishedRules rules;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, byte[]> store;
  private IncidentCorrelator correlator;
  private boolean rulesRead;
  private long highestNanos = Long.MIN_VALUE;

  /** A processor grouping with {@code settings}, lateral movement from {@code rules}. */
  public IncidentProcessor(IncidentSettings settings, RuleSet rules) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rules = new PublishedRules(new RuleBook(rules));
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.store = context.getStateStore(StoreNames.INCIDENT_STATE);
    this.correlator =
        new IncidentCorrelator(
            settings, LateralMovementRule.from(this.rules.book().current().rules()).orElse(null));
    restore();
    context.schedule(EXPIRY_INTERVAL, PunctuationType.STREAM_TIME, now -> expire());
    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::refreshRules);
  }

  @Override
  public void process(Record<String, IncidentInput> record) {
    IncidentInput input = record.value();
    if (input == null) {
      return;
    }
    if (!rulesRead) {
      refreshRules(context.currentSystemTimeMs());
    }
    highestNanos = Math.max(highestNanos, input.timestampNanos());
    if (input instanceof IncidentInput.AlertIn in) {
      onAlert(in.alert(), record.timestamp());
    } else {
      onHop(((IncidentInput.HopIn) input).edge(), record.timestamp());
    }
    if (correlator.size() > settings.maxMembers() + settings.maxMembers() / 10) {
      expire();
    }
  }

  private void onAlert(Alert alert, long timestamp) {
    AlertUpdate update;
    try {
      update = AlertRecords.update(alert);
    } catch (IllegalArgumentException e) {
      LOG.warn("alert {} not correlated: {}", alert.getId(), e.getMessage());
      emit(alert, IncidentCorrelator.incidentIdOf(alert.getId()), timestamp);
      return;
    }
    IncidentChanges changes = correlator.accept(update);
    apply(changes, alert, timestamp);
  }

  private void onHop(Edge edge, long timestamp) {
    Optional<CrossHostHop> hop = HopRecords.hop(edge);
    if (hop.isEmpty()) {
      return;
    }
    store.put(HOP + hop.get().id(), encodeEdge(edge));
    apply(correlator.accept(hop.get()), null, timestamp);
  }

  private void apply(IncidentChanges changes, Alert incoming, long timestamp) {
    Map<String, Alert> raised = new HashMap<>();
    for (AlertUpdate u : changes.raised()) {
      raised.put(u.id(), AlertRecords.alert(u));
    }
    for (Map.Entry<String, String> e : changes.incidents().entrySet()) {
      String id = e.getKey();
      Alert alert = incoming != null && incoming.getId().equals(id) ? incoming : raised.get(id);
      if (alert == null) {
        alert = stored(id);
        if (alert == null || e.getValue().equals(alert.getIncidentId())) {
          continue;
        }
      }
      emit(alert, e.getValue(), timestamp);
    }
  }

  private void emit(Alert alert, String incidentId, long timestamp) {
    Alert out = Alert.newBuilder(alert).setIncidentId(incidentId).build();
    store.put(ALERT + out.getId(), encodeAlert(out));
    context.forward(new Record<>(out.getId(), out, timestamp));
  }

  private Alert stored(String id) {
    byte[] bytes = store.get(ALERT + id);
    return bytes == null ? null : decodeAlert(id, bytes);
  }

  private void restore() {
    List<KeyValue<String, byte[]>> entries = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      it.forEachRemaining(entries::add);
    }
    for (KeyValue<String, byte[]> kv : entries) {
      if (kv.value == null) {
        continue;
      }
      if (kv.key.startsWith(ALERT)) {
        Alert a = decodeAlert(kv.key, kv.value);
        if (a != null) {
          try {
            correlator.accept(AlertRecords.update(a));
            highestNanos = Math.max(highestNanos, a.getLastSeenNanos());
          } catch (IllegalArgumentException e) {
            LOG.debug("stored alert {} not correlated: {}", a.getId(), e.getMessage());
          }
        }
      } else if (kv.key.startsWith(HOP)) {
        Edge edge = decodeEdge(kv.key, kv.value);
        Optional<CrossHostHop> hop = edge == null ? Optional.empty() : HopRecords.hop(edge);
        hop.ifPresent(correlator::accept);
      }
    }
  }

  private void expire() {
    if (highestNanos == Long.MIN_VALUE) {
      return;
    }
    ExpiredMembers gone = correlator.expire(highestNanos);
    gone.alerts().forEach(id -> store.delete(ALERT + id));
    gone.hops().forEach(id -> store.delete(HOP + id));
  }

  private void refreshRules(long wallMillis) {
    KeyValueStore<String, byte[]> store = context.getStateStore(StoreNames.PUBLISHED_RULES);
    rules
        .refresh(
            visitor -> {
              try (KeyValueIterator<String, byte[]> it = store.all()) {
                it.forEachRemaining(kv -> visitor.accept(kv.key, kv.value));
              }
            },
            TimeUnit.MILLISECONDS.toNanos(wallMillis),
            rejected -> {})
        .ifPresent(
            u ->
                correlator.setLateralRule(
                    LateralMovementRule.from(u.rules().rules()).orElse(null)));
    rulesRead = true;
  }

  private static byte[] encodeAlert(Alert a) {
    return Topics.ALERTS.value().serializer().serialize(Topics.ALERTS.name(), a);
  }

  private static Alert decodeAlert(String key, byte[] bytes) {
    try {
      return Topics.ALERTS.value().deserializer().deserialize(Topics.ALERTS.name(), bytes);
    } catch (SerializationException e) {
      LOG.warn("unreadable stored alert {}: {}", key, e.getMessage());
      return null;
    }
  }

  private static byte[] encodeEdge(Edge e) {
    return Topics.GRAPH_EDGES.value().serializer().serialize(Topics.GRAPH_EDGES.name(), e);
  }

  private static Edge decodeEdge(String key, byte[] bytes) {
    try {
      return Topics.GRAPH_EDGES
          .value()
          .deserializer()
          .deserialize(Topics.GRAPH_EDGES.name(), bytes);
    } catch (SerializationException e) {
      LOG.warn("unreadable stored hop {}: {}", key, e.getMessage());
      return null;
    }
  }
}
