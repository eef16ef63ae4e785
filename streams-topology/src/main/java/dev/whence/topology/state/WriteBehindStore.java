package dev.whence.topology.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A task's key-value store whose writes stay in memory (the dirty set) until the task commits, then
 * reach a logged persistent store (and so its changelog) once per key.
 *
 * <p>Kafka Streams 4.4 prepares a commit ({@code StreamTask.prepareCommit}) by calling {@code
 * flushCache()} on every registered store that is a {@link CachedStateStore}, then flushing the
 * producer, then committing the transaction; {@code StateStore.commit(Map)} only runs after the
 * transaction (checkpoint). This store therefore writes its dirty set in {@link #flushCache()}, so
 * under {@code exactly_once_v2} the changelog records are part of the transaction of the input
 * offsets they reflect. A task closed without a commit drops the dirty set, as a crash would, and
 * is restored from the changelog. The dirty set is written early when it exceeds its bound; an
 * early write is always safe.
 *
 * <p>The processor (the stream thread) reads and writes through {@link #read}, {@link #write},
 * {@link #remove}, {@link #scanPrefix} and {@link #scanRange}, which see the dirty set. The {@link
 * ReadOnlyKeyValueStore} methods, used by interactive queries from other threads, read the
 * persistent store only: the state as of the last commit.
 *
 * <p>By default (every-key mode) the dirty set is hashed, and a scan merges it, in key order, with
 * the persistent store: its sorted copy is made at the first scan after a flush and kept up to date
 * until the next, so writes between scans (most of them, when scans are rare) do not pay for the
 * order. A store given <em>resident tables</em> (first characters of keys) instead finds dirty keys
 * by hash and holds those tables, the only ones it scans, in memory in full, loaded from the
 * persistent store at their first use after it opens or drops its dirty set: their scans, which
 * must stay within one such table, never read RocksDB, whose iterators walk every deleted key
 * between live ones (a table whose entries come and go fills with them).
 *
 * @param <V> value type
 */
public final class WriteBehindStore<V>
    implements StateStore, ReadOnlyKeyValueStore<String, V>, CachedStateStore<String, V> {

  /** Dirty keys a store of the topology holds before it writes them ahead of a commit. */
  public static final int MAX_DIRTY_KEYS = 20_000;

  private static final Object TOMBSTONE = new Object();
  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, V> inner;
  private final int maxDirty;

  /** The key order of the persistent store, for this store's sorted maps (one thread at a time). */
  private final Utf8Order order = new Utf8Order();

  /** First characters of the resident (scanned) tables; null in every-key mode. */
  private final String residentTables;

  /** Keys written since the last flush. */
  private final Map<String, Object> dirty = new HashMap<>();

  /**
   * Every-key mode: {@link #dirty} in key order, which scans merge with the persistent store, from
   * the first scan after a flush to the next flush; null at other times and in resident mode.
   */
  private NavigableMap<String, Object> sortedDirty;

  /** Resident mode: the live entries of the resident tables, dirty or not; else null. */
  private final NavigableMap<String, Object> resident;

  /**
   * Resident mode: dirty keys of the resident tables that the persistent store does not hold (while
   * a resident table is loaded, a key outside the dirty set is in the store exactly when it is in
   * {@link #resident}).
   */
  private final Set<String> unpersisted = new HashSet<>();

  private boolean residentLoaded;
  private StateStoreContext context;
  private Runnable beforeFlush = () -> {};
  private boolean flushing;
  private long writes;
  private long flushed;
  private long elided;

  /** A store writing its dirty set to {@code inner}, early when it holds {@code maxDirty} keys. */
  public WriteBehindStore(KeyValueStore<String, V> inner, int maxDirty) {
    this(inner, maxDirty, null);
  }

  /**
   * A store writing its dirty set to {@code inner}, early when it holds {@code maxDirty} keys, that
   * holds in memory the tables of the keys beginning with one of {@code residentTables}, the only
   * ones it scans (null: every-key mode, any scan; empty: no scan).
   */
  public WriteBehindStore(KeyValueStore<String, V> inner, int maxDirty, String residentTables) {
    if (maxDirty < 1) {
      throw new IllegalArgumentException("maxDirty must be >= 1, got " + maxDirty);
    }
    this.inner = inner;
    this.maxDirty = maxDirty;
    this.residentTables = residentTables;
    this.resident = residentTables == null ? null : new TreeMap<>(order);
  }

  /**
   * A builder of a write-behind store named {@code name} over a logged persistent RocksDB store
   * with String keys and values of {@code valueSerde}.
   */
  public static <V> StoreBuilder<WriteBehindStore<V>> builder(
      String name, Serde<V> valueSerde, int maxDirty) {
    return builder(name, valueSerde, maxDirty, null);
  }

  /**
   * A builder of a write-behind store as {@link #builder(String, Serde, int)} that holds in memory,
   * and scans only, the tables of the keys beginning with one of {@code residentTables} (null: any
   * key, scanned in RocksDB; empty: no scan).
   */
  public static <V> StoreBuilder<WriteBehindStore<V>> builder(
      String name, Serde<V> valueSerde, int maxDirty, String residentTables) {
    return new WriteBehindStoreBuilder<>(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
            .withCachingDisabled(),
        maxDirty,
        residentTables);
  }

  /** The value under {@code key}, dirty or committed, or null. */
  @SuppressWarnings("unchecked")
  public V read(String key) {
    Object value = dirty.get(key);
    if (value == null) {
      return inner.get(key);
    }
    return value == TOMBSTONE ? null : (V) value;
  }

  /**
   * Sets {@code key} to {@code value} (null removes it). A key of a resident table that is removed
   * before it was ever written to the persistent store leaves no trace: no tombstone reaches the
   * store or its changelog.
   */
  public void write(String key, V value) {
    writes++;
    if (resident != null && isResident(key)) {
      ensureResident();
      boolean wasDirty = dirty.containsKey(key);
      Object held = value == null ? resident.remove(key) : resident.put(key, value);
      if (held == null && !wasDirty) {
        unpersisted.add(key);
      }
      if (value == null && unpersisted.remove(key)) {
        dirty.remove(key);
        elided++;
        return;
      }
    }
    Object stored = value == null ? TOMBSTONE : value;
    dirty.put(key, stored);
    if (sortedDirty != null) {
      sortedDirty.put(key, stored);
    }
    if (dirty.size() >= maxDirty && !flushing) {
      writeBatch();
    }
  }

  /** Removes {@code key}. */
  public void remove(String key) {
    write(key, null);
  }

  /** Every entry whose key starts with {@code prefix}, in key order. */
  public List<KeyValue<String, V>> scanPrefix(String prefix) {
    requireResident(prefix, prefix);
    if (resident != null) {
      ensureResident();
      return list(prefixed(resident, prefix), Integer.MAX_VALUE);
    }
    TreeMap<String, V> merged = new TreeMap<>(order);
    try (KeyValueIterator<String, V> it = inner.prefixScan(prefix, KEYS)) {
      it.forEachRemaining(kv -> merged.put(kv.key, kv.value));
    }
    for (Map.Entry<String, Object> e : prefixed(sortedDirty(), prefix).entrySet()) {
      overlay(merged, e);
    }
    return list(merged, Integer.MAX_VALUE);
  }

  /** Up to {@code max} entries with {@code from <= key <= to}, in key order. */
  public List<KeyValue<String, V>> scanRange(String from, String to, int max) {
    if (max < 1 || order.compare(from, to) > 0) {
      return List.of();
    }
    requireResident(from, to);
    if (resident != null) {
      ensureResident();
      return list(resident.subMap(from, true, to, true), max);
    }
    NavigableMap<String, Object> pending = sortedDirty().subMap(from, true, to, true);
    long wanted = (long) max + pending.size();
    TreeMap<String, V> merged = new TreeMap<>(order);
    try (KeyValueIterator<String, V> it = inner.range(from, to)) {
      while (it.hasNext() && merged.size() < wanted) {
        KeyValue<String, V> kv = it.next();
        merged.put(kv.key, kv.value);
      }
    }
    for (Map.Entry<String, Object> e : pending.entrySet()) {
      overlay(merged, e);
    }
    return list(merged, max);
  }

  /**
   * Calls {@code action} with every entry, dirty or committed, in no particular order: a full scan
   * of the persistent store, for rebuilding what is derived from it when a task starts, not per
   * record.
   */
  @SuppressWarnings("unchecked")
  public void forEachEntry(BiConsumer<String, V> action) {
    try (KeyValueIterator<String, V> it = inner.all()) {
      while (it.hasNext()) {
        KeyValue<String, V> kv = it.next();
        if (!dirty.containsKey(kv.key)) {
          action.accept(kv.key, kv.value);
        }
      }
    }
    for (Map.Entry<String, Object> e : dirty.entrySet()) {
      if (e.getValue() != TOMBSTONE) {
        action.accept(e.getKey(), (V) e.getValue());
      }
    }
  }

  /**
   * Runs {@code action} at the start of every flush, before the dirty set is written: a processor
   * that keeps decoded values dirty of its own writes them into this store there. Replaces the
   * previous action (a re-initialized processor registers again).
   */
  public void beforeFlush(Runnable action) {
    this.beforeFlush = action == null ? () -> {} : action;
  }

  /** Keys written since the last flush. */
  public int dirtyKeys() {
    return dirty.size();
  }

  /** Writes through {@link #write} and {@link #remove} since the store was built. */
  public long writes() {
    return writes;
  }

  /** Keys written to the persistent store since the store was built. */
  public long flushedKeys() {
    return flushed;
  }

  /** Removals of resident keys the persistent store never held, which wrote nothing. */
  public long elidedRemovals() {
    return elided;
  }

  /**
   * Writes every dirty key to the persistent store (and its changelog), once each, after the {@link
   * #beforeFlush} action.
   */
  @Override
  public void flushCache() {
    if (flushing) {
      return;
    }
    flushing = true;
    try {
      beforeFlush.run();
      writeBatch();
    } finally {
      flushing = false;
    }
  }

  @SuppressWarnings("unchecked")
  private void writeBatch() {
    if (dirty.isEmpty()) {
      return;
    }
    List<KeyValue<String, V>> batch = new ArrayList<>(dirty.size());
    for (Map.Entry<String, Object> e : dirty.entrySet()) {
      Object value = e.getValue();
      batch.add(KeyValue.pair(e.getKey(), value == TOMBSTONE ? null : (V) value));
    }
    withRecordContext(() -> inner.putAll(batch));
    flushed += batch.size();
    dirty.clear();
    sortedDirty = null;
    unpersisted.clear();
  }

  /** Drops the dirty set (the task's state is being discarded). */
  @Override
  public void clearCache() {
    clearDirty();
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    this.context = context;
    clearDirty();
    inner.init(context, root);
  }

  /** Commits the persistent store; the dirty set was written by {@link #flushCache()} before. */
  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    inner.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return inner.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return inner.managesOffsets();
  }

  @Override
  public void close() {
    clearDirty();
    beforeFlush = () -> {};
    inner.close();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    return inner.query(query, bound, config);
  }

  @Override
  public org.apache.kafka.streams.query.Position getPosition() {
    return inner.getPosition();
  }

  @Override
  public long approximateNumUncommittedBytes() {
    return inner.approximateNumUncommittedBytes();
  }

  @Override
  public V get(String key) {
    return inner.get(key);
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    return inner.range(from, to);
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(String from, String to) {
    return inner.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<String, V> all() {
    return inner.all();
  }

  @Override
  public KeyValueIterator<String, V> reverseAll() {
    return inner.reverseAll();
  }

  @Override
  public <S extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(
      P prefix, S prefixKeySerializer) {
    return inner.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  /**
   * Runs {@code write} with a record context: the changelog stamps each record with the current
   * record's timestamp, and a commit may come before any record of this task was processed.
   */
  private void withRecordContext(Runnable write) {
    if (context instanceof InternalProcessorContext<?, ?> internal
        && internal.recordContext() == null) {
      internal.setRecordContext(new ProcessorRecordContext(0L, -1L, -1, null, new RecordHeaders()));
      try {
        write.run();
      } finally {
        internal.setRecordContext(null);
      }
      return;
    }
    write.run();
  }

  /** Drops the dirty set and, in resident mode, the tables held (reloaded at their next use). */
  private void clearDirty() {
    dirty.clear();
    sortedDirty = null;
    unpersisted.clear();
    if (resident != null) {
      resident.clear();
    }
    residentLoaded = false;
  }

  /** Loads the scanned tables from the persistent store, with the dirty set over them. */
  private void ensureResident() {
    if (residentLoaded) {
      return;
    }
    resident.clear();
    for (char table : residentTables.toCharArray()) {
      try (KeyValueIterator<String, V> it = inner.prefixScan(String.valueOf(table), KEYS)) {
        it.forEachRemaining(kv -> resident.put(kv.key, kv.value));
      }
    }
    for (Map.Entry<String, Object> e : dirty.entrySet()) {
      if (isResident(e.getKey())) {
        if (e.getValue() == TOMBSTONE) {
          resident.remove(e.getKey());
        } else {
          resident.put(e.getKey(), e.getValue());
        }
      }
    }
    residentLoaded = true;
  }

  /** Every-key mode: the dirty set in key order, sorted now if it was not since the last flush. */
  private NavigableMap<String, Object> sortedDirty() {
    if (sortedDirty == null) {
      sortedDirty = new TreeMap<>(order);
      sortedDirty.putAll(dirty);
    }
    return sortedDirty;
  }

  /** Whether {@code key} belongs to a resident table (resident mode only). */
  private boolean isResident(String key) {
    return !key.isEmpty() && residentTables.indexOf(key.charAt(0)) >= 0;
  }

  /**
   * Refuses, in resident mode, a scan from {@code from} to {@code to} outside one resident table.
   */
  private void requireResident(String from, String to) {
    if (residentTables == null) {
      return;
    }
    if (!isResident(from) || to.isEmpty() || from.charAt(0) != to.charAt(0)) {
      throw new IllegalArgumentException(
          "store "
              + name()
              + " holds in memory, and scans, only the tables of keys beginning with one of '"
              + residentTables
              + "' and cannot scan from '"
              + from
              + "' to '"
              + to
              + "'");
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> void overlay(TreeMap<String, V> merged, Map.Entry<String, Object> e) {
    if (e.getValue() == TOMBSTONE) {
      merged.remove(e.getKey());
    } else {
      merged.put(e.getKey(), (V) e.getValue());
    }
  }

  /** Up to {@code max} entries of {@code sorted} (live values only), in its order. */
  @SuppressWarnings("unchecked")
  private static <V> List<KeyValue<String, V>> list(Map<String, ?> sorted, int max) {
    List<KeyValue<String, V>> out = new ArrayList<>(Math.min(sorted.size(), max));
    for (Map.Entry<String, ?> e : sorted.entrySet()) {
      if (out.size() >= max) {
        break;
      }
      out.add(KeyValue.pair(e.getKey(), (V) e.getValue()));
    }
    return out;
  }

  /** The entries of {@code sorted} whose keys start with {@code prefix}, in key order. */
  private static NavigableMap<String, Object> prefixed(
      NavigableMap<String, Object> sorted, String prefix) {
    NavigableMap<String, Object> tail = sorted.tailMap(prefix, true);
    for (String key : tail.keySet()) {
      if (!key.startsWith(prefix)) {
        return tail.headMap(key, false);
      }
    }
    return tail;
  }
}
