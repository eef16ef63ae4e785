package dev.whence.topology.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.topology.StoreNames;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class LookupStoreOptionsTest {

  static {
    RocksDB.loadLibrary();
  }

  @Test
  void theGraphStateAndMatchStoresGetAWholeKeyMemtableFilter() {
    for (String store : new String[] {StoreNames.GRAPH_STATE, StoreNames.ALERT_MATCHES}) {
      try (Options options = new Options()) {
        new LookupStoreOptions().setConfig(store, options, Map.of());

        assertThat(options.memtableWholeKeyFiltering()).as(store).isTrue();
        assertThat(options.memtablePrefixBloomSizeRatio())
            .as(store)
            .isEqualTo(LookupStoreOptions.MEMTABLE_BLOOM_RATIO);
      }
    }
  }

  @Test
  void otherStoresKeepTheDefaults() {
    try (Options options = new Options();
        Options defaults = new Options()) {
      new LookupStoreOptions().setConfig(StoreNames.EVENTS_PER_HOST, options, Map.of());

      assertThat(options.memtableWholeKeyFiltering())
          .isEqualTo(defaults.memtableWholeKeyFiltering());
      assertThat(options.memtablePrefixBloomSizeRatio())
          .isEqualTo(defaults.memtablePrefixBloomSizeRatio());
    }
  }
}
