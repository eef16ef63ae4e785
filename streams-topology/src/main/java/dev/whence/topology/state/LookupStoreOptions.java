package dev.whence.topology.state;

import dev.whence.topology.StoreNames;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB options for the stores that the graph reads by key on every event ({@link
 * StoreNames#GRAPH_STATE}, {@link StoreNames#ALERT_MATCHES}): a bloom filter over each memtable's
 * whole keys. Most of their reads that reach RocksDB are for keys it does not hold (a new node that
 * no partial match was ever placed on, an entity seen for the first time), and without the filter
 * each searched every memtable's skip list before the files' own bloom filters answered. The filter
 * takes {@link #MEMTABLE_BLOOM_RATIO} of a memtable's size (off the Java heap). Other stores keep
 * Kafka Streams' defaults.
 */
public final class LookupStoreOptions implements RocksDBConfigSetter {

  /** Share of a memtable's size given to its bloom filter (about 24 bits per key here). */
  public static final double MEMTABLE_BLOOM_RATIO = 0.02;

  private static final Set<String> LOOKUP_STORES =
      Set.of(StoreNames.GRAPH_STATE, StoreNames.ALERT_MATCHES);

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    if (LOOKUP_STORES.contains(storeName)) {
      options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
      options.setMemtableWholeKeyFiltering(true);
    }
  }

  @Override
  public void close(String storeName, Options options) {}
}
