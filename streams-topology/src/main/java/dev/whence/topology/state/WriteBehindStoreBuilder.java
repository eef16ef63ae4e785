package dev.whence.topology.state;

import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds {@link WriteBehindStore}s over the stores of a key-value store builder; logging settings
 * go to that builder (the changelog is its), and Streams caching is refused: the write-behind store
 * is the cache.
 */
final class WriteBehindStoreBuilder<V> implements StoreBuilder<WriteBehindStore<V>> {

  private final StoreBuilder<KeyValueStore<String, V>> inner;
  private final int maxDirty;
  private final String residentTables;

  WriteBehindStoreBuilder(
      StoreBuilder<KeyValueStore<String, V>> inner, int maxDirty, String residentTables) {
    if (maxDirty < 1) {
      throw new IllegalArgumentException("maxDirty must be >= 1, got " + maxDirty);
    }
    this.inner = inner;
    this.maxDirty = maxDirty;
    this.residentTables = residentTables;
  }

  @Override
  public StoreBuilder<WriteBehindStore<V>> withCachingEnabled() {
    throw new UnsupportedOperationException(
        "store " + name() + " is write-behind already; Streams caching would sit below it");
  }

  @Override
  public StoreBuilder<WriteBehindStore<V>> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<WriteBehindStore<V>> withLoggingEnabled(Map<String, String> config) {
    inner.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<WriteBehindStore<V>> withLoggingDisabled() {
    inner.withLoggingDisabled();
    return this;
  }

  @Override
  public WriteBehindStore<V> build() {
    return new WriteBehindStore<>(inner.build(), maxDirty, residentTables);
  }

  @Override
  public Map<String, String> logConfig() {
    return inner.logConfig();
  }

  @Override
  public boolean loggingEnabled() {
    return inner.loggingEnabled();
  }

  @Override
  public String name() {
    return inner.name();
  }
}
