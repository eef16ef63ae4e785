package dev.whence.topology.graph;

import dev.whence.graph.state.AliasEntry;
import dev.whence.graph.state.AliasKey;
import dev.whence.graph.state.DedupKey;
import dev.whence.graph.state.DedupWindow;
import dev.whence.graph.state.DescriptorEntry;
import dev.whence.graph.state.DescriptorKey;
import dev.whence.graph.state.Expiry;
import dev.whence.graph.state.FileEntry;
import dev.whence.graph.state.FileKey;
import dev.whence.graph.state.GraphState;
import dev.whence.graph.state.ProcessEntry;
import dev.whence.graph.state.ProcessKey;
import dev.whence.graph.state.StateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bounded write-through cache of decoded entries in front of another {@link GraphState}, so that
 * a hot process, descriptor or de-duplication window is not decoded again at every event. Every
 * write goes to the underlying state at once, so the stores stay the source of truth: the cache may
 * be dropped at any moment ({@link #clear()} on init and close of the processor) without changing
 * any result. Absent keys are cached too. Not thread-safe (one per task).
 */
public final class CachingGraphState implements GraphState {

  private static final Object ABSENT = new Object();

  private final GraphState store;
  private final Map<StateKey, Object> cache;
  private final Map<ProcessKey, TreeMap<Integer, DescriptorEntry>> descriptorTables;
  private long hits;
  private long misses;

  /** A cache of at most {@code capacity} entries in front of {@code store}. */
  public CachingGraphState(GraphState store, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.store = store;
    this.cache =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<StateKey, Object> eldest) {
            return size() > capacity;
          }
        };
    int tables = Math.max(1, capacity / 4);
    this.descriptorTables =
        new LinkedHashMap<>(Math.min(tables, 1 << 14), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(
              Map.Entry<ProcessKey, TreeMap<Integer, DescriptorEntry>> eldest) {
            return size() > tables;
          }
        };
  }

  /** Forgets every cached entry. */
  public void clear() {
    cache.clear();
    descriptorTables.clear();
  }

  /** Lookups answered by the cache. */
  public long hits() {
    return hits;
  }

  /** Lookups that went to the store. */
  public long misses() {
    return misses;
  }

  @SuppressWarnings("unchecked")
  private <T> Optional<T> cached(StateKey key, java.util.function.Supplier<Optional<T>> load) {
    Object value = cache.get(key);
    if (value != null) {
      hits++;
      return value == ABSENT ? Optional.empty() : Optional.of((T) value);
    }
    misses++;
    Optional<T> loaded = load.get();
    cache.put(key, loaded.isPresent() ? loaded.get() : ABSENT);
    return loaded;
  }

  @Override
  public Optional<ProcessEntry> process(ProcessKey key) {
    return cached(key, () -> store.process(key));
  }

  @Override
  public void putProcess(ProcessEntry entry) {
    store.putProcess(entry);
    cache.put(entry.key(), entry);
  }

  @Override
  public void deleteProcess(ProcessKey key) {
    store.deleteProcess(key);
    cache.put(key, ABSENT);
  }

  @Override
  public Optional<DescriptorEntry> descriptor(DescriptorKey key) {
    return cached(key, () -> store.descriptor(key));
  }

  @Override
  public void putDescriptor(DescriptorEntry entry) {
    store.putDescriptor(entry);
    cache.put(entry.key(), entry);
    TreeMap<Integer, DescriptorEntry> table = descriptorTables.get(entry.key().process());
    if (table != null) {
      table.put(entry.key().fd(), entry);
    }
  }

  @Override
  public void deleteDescriptor(DescriptorKey key) {
    store.deleteDescriptor(key);
    cache.put(key, ABSENT);
    TreeMap<Integer, DescriptorEntry> table = descriptorTables.get(key.process());
    if (table != null) {
      table.remove(key.fd());
    }
  }

  /**
   * Every descriptor of a process: read from the store once (a prefix scan), then kept in step with
   * every put and delete of that process's descriptors, in descriptor order.
   */
  @Override
  public List<DescriptorEntry> descriptorsOf(ProcessKey process) {
    TreeMap<Integer, DescriptorEntry> table = descriptorTables.get(process);
    if (table == null) {
      misses++;
      table = new TreeMap<>();
      for (DescriptorEntry d : store.descriptorsOf(process)) {
        table.put(d.key().fd(), d);
      }
      descriptorTables.put(process, table);
    } else {
      hits++;
    }
    return new ArrayList<>(table.values());
  }

  @Override
  public Optional<FileEntry> file(FileKey key) {
    return cached(key, () -> store.file(key));
  }

  @Override
  public void putFile(FileEntry entry) {
    store.putFile(entry);
    cache.put(entry.key(), entry);
  }

  @Override
  public void deleteFile(FileKey key) {
    store.deleteFile(key);
    cache.put(key, ABSENT);
  }

  @Override
  public Optional<AliasEntry> alias(AliasKey key) {
    return cached(key, () -> store.alias(key));
  }

  @Override
  public void putAlias(AliasEntry entry) {
    store.putAlias(entry);
    cache.put(entry.key(), entry);
  }

  @Override
  public void deleteAlias(AliasKey key) {
    store.deleteAlias(key);
    cache.put(key, ABSENT);
  }

  @Override
  public Optional<DedupWindow> dedup(DedupKey key) {
    return cached(key, () -> store.dedup(key));
  }

  @Override
  public void putDedup(DedupWindow window) {
    store.putDedup(window);
    cache.put(window.key(), window);
  }

  @Override
  public void deleteDedup(DedupKey key) {
    store.deleteDedup(key);
    cache.put(key, ABSENT);
  }

  @Override
  public void schedule(Expiry expiry) {
    store.schedule(expiry);
  }

  @Override
  public List<Expiry> takeDue(long nowNanos, int max) {
    return store.takeDue(nowNanos, max);
  }
}
