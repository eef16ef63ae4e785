package dev.whence.topology.incident;

import dev.whence.avro.Alert;
import dev.whence.avro.Edge;
import dev.whence.schemas.Topics;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** What the incident task is fed: an alert, or a stitched edge between two hosts. */
public sealed interface IncidentInput {

  /** Event time of the input, for expiry. */
  long timestampNanos();

  /** A new or grown alert from the detector. */
  record AlertIn(Alert alert) implements IncidentInput {
    @Override
    public long timestampNanos() {
      return alert.getLastSeenNanos();
    }
  }

  /** A stitched ACCEPT edge from the connection stitcher. */
  record HopIn(Edge edge) implements IncidentInput {
    @Override
    public long timestampNanos() {
      return edge.getTimestampNanos();
    }
  }

  /** The serde of the internal repartition topic: a tag byte, then the Avro record's bytes. */
  static Serde<IncidentInput> serde() {
    return Serdes.serdeFrom(new InputSerializer(), new InputDeserializer());
  }

  /** Tag {@code A} or {@code H} followed by the single-object encoded record. */
  final class InputSerializer implements Serializer<IncidentInput> {
    @Override
    public byte[] serialize(String topic, IncidentInput input) {
      if (input == null) {
        return null;
      }
      byte tag;
      byte[] body;
      if (input instanceof AlertIn a) {
        tag = 'A';
        body = Topics.ALERTS.value().serializer().serialize(topic, a.alert());
      } else {
        tag = 'H';
        body = Topics.GRAPH_EDGES.value().serializer().serialize(topic, ((HopIn) input).edge());
      }
      byte[] out = new byte[body.length + 1];
      out[0] = tag;
      System.arraycopy(body, 0, out, 1, body.length);
      return out;
    }
  }

  /** Reads what {@link InputSerializer} wrote. */
  final class InputDeserializer implements Deserializer<IncidentInput> {
    @Override
    public IncidentInput deserialize(String topic, byte[] data) {
      if (data == null) {
        return null;
      }
      if (data.length < 2) {
        throw new SerializationException("incident input of " + data.length + " bytes");
      }
      byte[] body = Arrays.copyOfRange(data, 1, data.length);
      return switch (data[0]) {
        case 'A' -> new AlertIn(Topics.ALERTS.value().deserializer().deserialize(topic, body));
        case 'H' -> new HopIn(Topics.GRAPH_EDGES.value().deserializer().deserialize(topic, body));
        default -> throw new SerializationException("unknown incident input tag " + data[0]);
      };
    }
  }
}
