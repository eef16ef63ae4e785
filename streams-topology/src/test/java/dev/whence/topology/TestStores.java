package dev.whence.topology;

import dev.whence.topology.state.WriteBehindStore;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads the topology's write-behind stores in a test driver (which commits after every input). */
final class TestStores {

  private TestStores() {}

  /** The committed view of the write-behind counter store {@code name}. */
  @SuppressWarnings("unchecked")
  static ReadOnlyKeyValueStore<String, Long> counts(TopologyTestDriver driver, String name) {
    return (WriteBehindStore<Long>) driver.getAllStateStores().get(name);
  }
}
