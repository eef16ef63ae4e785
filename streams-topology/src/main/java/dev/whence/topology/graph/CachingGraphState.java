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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bounded cache of decoded entries in front of another {@link GraphState}, so that a hot process,
 * descriptor or de-duplication window is not decoded again at every event. Absent keys are cached
 * too. Descriptors (which the store lists by process) and the expiry index are written through at
 * once; processes, files, names and de-duplication windows are written behind: the latest value of
 * each written key is kept (dirty) and reaches the underlying state, encoded once, at {@link
 * #writeDirty()} (called by the task's store before every commit) or when more than {@code
 * maxDirty} keys are dirty. {@link #clear()} writes the dirty keys and forgets the cache, so it may
 * be called at any moment without changing any result; {@link #discard()} drops them, as a crash
 * would. Not thread-safe (one per task).
 */
public final class CachingGraphState implements GraphState {

  private static final Object ABSENT = new Object();

  private final GraphState store;

  /** Decoded entries as the lookups return them: a present or an empty Optional. */
  private final Map<StateKey, Optional<?>> cache;

  private final Map<ProcessKey, TreeMap<Integer, DescriptorEntry>> descriptorTables;
  private final Map<StateKey, Object> dirty = new HashMap<>();
  private final int maxDirty;
  private long hits;
  private long misses;

  /**
   * A cache of at most {@code capacity} entries in front of {@code store}, writing its dirty keys
   * when more than {@code capacity} are dirty.
   */
  public CachingGraphState(GraphState store, int capacity) {
    this(store, capacity, capacity);
  }

  /**
   * A cache of at most {@code capacity} entries in front of {@code store}, writing its dirty keys
   * when more than {@code maxDirty} are dirty.
   */
  public CachingGraphState(GraphState store, int capacity, int maxDirty) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    if (maxDirty < 1) {
      throw new IllegalArgumentException("maxDirty must be >= 1, got " + maxDirty);
    }
    this.store = store;
    this.maxDirty = maxDirty;
    this.cache =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<StateKey, Optional<?>> eldest) {
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

  /** Writes the dirty keys to the underlying state, then forgets every cached entry. */
  public void clear() {
    writeDirty();
    cache.clear();
    descriptorTables.clear();
  }

  /** Forgets every cached entry and drops the dirty keys without writing them. */
  public void discard() {
    dirty.clear();
    cache.clear();
    descriptorTables.clear();
  }

  /** Keys written since the last {@link #writeDirty()}. */
  public int dirtyKeys() {
    return dirty.size();
  }

  /** Writes the latest value of every dirty key to the underlying state, once each. */
  public void writeDirty() {
    if (dirty.isEmpty()) {
      return;
    }
    for (Map.Entry<StateKey, Object> e : dirty.entrySet()) {
      Object value = e.getValue();
      if (value == ABSENT) {
        delete(e.getKey());
      } else if (value instanceof ProcessEntry p) {
        store.putProcess(p);
      } else if (value instanceof FileEntry f) {
        store.putFile(f);
      } else if (value instanceof AliasEntry a) {
        store.putAlias(a);
      } else if (value instanceof DedupWindow w) {
        store.putDedup(w);
      } else {
        throw new IllegalStateException("no write-behind for " + value.getClass().getName());
      }
    }
    dirty.clear();
  }

  private void delete(StateKey key) {
    if (key instanceof ProcessKey k) {
      store.deleteProcess(k);
    } else if (key instanceof FileKey k) {
      store.deleteFile(k);
    } else if (key instanceof AliasKey k) {
      store.deleteAlias(k);
    } else if (key instanceof DedupKey k) {
      store.deleteDedup(k);
    } else if (key instanceof DescriptorKey k) {
      store.deleteDescriptor(k);
    }
  }

  private void markDirty(StateKey key, Object value) {
    cache.put(key, value == ABSENT ? Optional.empty() : Optional.of(value));
    dirty.put(key, value);
    if (dirty.size() > maxDirty) {
      writeDirty();
    }
  }

  /** Lookups answered by the cache. */
  public long hits() {
    return hits;
  }

  /** Lookups that went to the store. */
  public long misses() {
    return misses;
  }

  /**
   * What the cache or the dirty keys know of {@code key}, counted as a hit, or null (a miss, which
   * the caller loads and passes to {@link #remember}).
   */
  @SuppressWarnings("unchecked")
  private <T> Optional<T> known(StateKey key) {
    Optional<?> cached = cache.get(key);
    if (cached != null) {
      hits++;
      return (Optional<T>) cached;
    }
    Object written = dirty.get(key);
    if (written != null) {
      hits++;
      return written == ABSENT ? Optional.empty() : Optional.of((T) written);
    }
    return null;
  }

  private <T> Optional<T> remember(StateKey key, Optional<T> loaded) {
    misses++;
    cache.put(key, loaded);
    return loaded;
  }

  @Override
  public Optional<ProcessEntry> process(ProcessKey key) {
    Optional<ProcessEntry> known = known(key);
    return known != null ? known : remember(key, store.process(key));
  }

  @Override
  public void putProcess(ProcessEntry entry) {
    markDirty(entry.key(), entry);
  }

  @Override
  public void deleteProcess(ProcessKey key) {
    markDirty(key, ABSENT);
  }

  @Override
  public Optional<DescriptorEntry> descriptor(DescriptorKey key) {
    Optional<DescriptorEntry> known = known(key);
    return known != null ? known : remember(key, store.descriptor(key));
  }

  @Override
  public void putDescriptor(DescriptorEntry entry) {
    store.putDescriptor(entry);
    cache.put(entry.key(), Optional.of(entry));
    TreeMap<Integer, DescriptorEntry> table = descriptorTables.get(entry.key().process());
    if (table != null) {
      table.put(entry.key().fd(), entry);
    }
  }

  @Override
  public void deleteDescriptor(DescriptorKey key) {
    store.deleteDescriptor(key);
    cache.put(key, Optional.empty());
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
    Optional<FileEntry> known = known(key);
    return known != null ? known : remember(key, store.file(key));
  }

  @Override
  public void putFile(FileEntry entry) {
    markDirty(entry.key(), entry);
  }

  @Override
  public void deleteFile(FileKey key) {
    markDirty(key, ABSENT);
  }

  @Override
  public Optional<AliasEntry> alias(AliasKey key) {
    Optional<AliasEntry> known = known(key);
    return known != null ? known : remember(key, store.alias(key));
  }

  @Override
  public void putAlias(AliasEntry entry) {
    markDirty(entry.key(), entry);
  }

  @Override
  public void deleteAlias(AliasKey key) {
    markDirty(key, ABSENT);
  }

  @Override
  public Optional<DedupWindow> dedup(DedupKey key) {
    Optional<DedupWindow> known = known(key);
    return known != null ? known : remember(key, store.dedup(key));
  }

  @Override
  public void putDedup(DedupWindow window) {
    markDirty(window.key(), window);
  }

  @Override
  public void deleteDedup(DedupKey key) {
    markDirty(key, ABSENT);
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
