package dev.whence.topology;

import dev.whence.avro.Event;
import dev.whence.schemas.Topic;
import dev.whence.schemas.Topics;
import dev.whence.topology.state.WriteBehindStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A {@link TopologyTestDriver} over a state directory of its own (deleted on close), with test
 * topics typed by the {@link Topics} registry.
 */
public final class TopologyDriver implements AutoCloseable {

  private final Path stateDir;
  private final TopologyTestDriver driver;
  private TestInputTopic<String, Event> events;

  /** Drives the whole {@link ProvenanceTopology} as application {@code applicationId}. */
  public TopologyDriver(String applicationId) {
    this(ProvenanceTopology.build(), applicationId);
  }

  /** Drives {@code topology} as application {@code applicationId}. */
  public TopologyDriver(Topology topology, String applicationId) {
    try {
      stateDir = Files.createTempDirectory(applicationId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state directory for " + applicationId, e);
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(topology, props);
  }

  /** The underlying driver, for stores and wall-clock time. */
  public TopologyTestDriver driver() {
    return driver;
  }

  /** An input topic named and serialized as {@code topic}. */
  public <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
    return input(topic.name(), topic);
  }

  /** An input topic named {@code name}, serialized with the serdes of {@code topic}. */
  public <K, V> TestInputTopic<K, V> input(String name, Topic<K, V> topic) {
    return driver.createInputTopic(name, topic.key().serializer(), topic.value().serializer());
  }

  /** An output topic named and deserialized as {@code topic}. */
  public <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.key().deserializer(), topic.value().deserializer());
  }

  /** Pipes {@code input} into the events topic, keyed by host and stamped with event time. */
  public void pipe(List<Event> input) {
    if (events == null) {
      events = input(Topics.EVENTS);
    }
    for (Event e : input) {
      events.pipeInput(
          e.getHost(), e, Instant.ofEpochSecond(0, e.getTimestampNanos()).toEpochMilli());
    }
  }

  /** The committed view of the write-behind counter store {@code name} (committed every input). */
  @SuppressWarnings("unchecked")
  public ReadOnlyKeyValueStore<String, Long> counts(String name) {
    return (WriteBehindStore<Long>) driver.getAllStateStores().get(name);
  }

  /** Closes the driver and deletes its state directory. */
  @Override
  public void close() {
    driver.close();
    try (Stream<Path> walk = Files.walk(stateDir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete state directory " + stateDir, e);
    }
  }
}
