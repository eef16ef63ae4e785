package dev.whence.graph.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** A {@link GraphState} in hash maps, for tests and single-process tools. Not thread-safe. */
public final class InMemoryGraphState implements GraphState {
  private final Map<ProcessKey, ProcessEntry> processes = new HashMap<>();
  private final Map<ProcessKey, TreeMap<Integer, DescriptorEntry>> descriptors = new HashMap<>();
  private final Map<FileKey, FileEntry> files = new HashMap<>();
  private final Map<AliasKey, AliasEntry> aliases = new HashMap<>();
  private final Map<DedupKey, DedupWindow> windows = new HashMap<>();
  private final TreeSet<Expiry> expiries = new TreeSet<>();

  @Override
  public Optional<ProcessEntry> process(ProcessKey key) {
    return Optional.ofNullable(processes.get(key));
  }

  @Override
  public void putProcess(ProcessEntry entry) {
    processes.put(entry.key(), entry);
  }

  @Override
  public void deleteProcess(ProcessKey key) {
    processes.remove(key);
  }

  @Override
  public Optional<DescriptorEntry> descriptor(DescriptorKey key) {
    TreeMap<Integer, DescriptorEntry> table = descriptors.get(key.process());
    return Optional.ofNullable(table == null ? null : table.get(key.fd()));
  }

  @Override
  public void putDescriptor(DescriptorEntry entry) {
    descriptors
        .computeIfAbsent(entry.key().process(), k -> new TreeMap<>())
        .put(entry.key().fd(), entry);
  }

  @Override
  public void deleteDescriptor(DescriptorKey key) {
    TreeMap<Integer, DescriptorEntry> table = descriptors.get(key.process());
    if (table != null) {
      table.remove(key.fd());
      if (table.isEmpty()) {
        descriptors.remove(key.process());
      }
    }
  }

  @Override
  public List<DescriptorEntry> descriptorsOf(ProcessKey process) {
    TreeMap<Integer, DescriptorEntry> table = descriptors.get(process);
    return table == null ? List.of() : List.copyOf(table.values());
  }

  @Override
  public Optional<FileEntry> file(FileKey key) {
    return Optional.ofNullable(files.get(key));
  }

  @Override
  public void putFile(FileEntry entry) {
    files.put(entry.key(), entry);
  }

  @Override
  public void deleteFile(FileKey key) {
    files.remove(key);
  }

  @Override
  public Optional<AliasEntry> alias(AliasKey key) {
    return Optional.ofNullable(aliases.get(key));
  }

  @Override
  public void putAlias(AliasEntry entry) {
    aliases.put(entry.key(), entry);
  }

  @Override
  public void deleteAlias(AliasKey key) {
    aliases.remove(key);
  }

  @Override
  public Optional<DedupWindow> dedup(DedupKey key) {
    return Optional.ofNullable(windows.get(key));
  }

  @Override
  public void putDedup(DedupWindow window) {
    windows.put(window.key(), window);
  }

  @Override
  public void deleteDedup(DedupKey key) {
    windows.remove(key);
  }

  @Override
  public void schedule(Expiry expiry) {
    expiries.add(expiry);
  }

  @Override
  public List<Expiry> takeDue(long nowNanos, int max) {
    List<Expiry> due = new ArrayList<>();
    while (due.size() < max && !expiries.isEmpty() && expiries.first().dueNanos() <= nowNanos) {
      due.add(expiries.pollFirst());
    }
    return due;
  }

  /** Sizes of every table, to check that state stays bounded. */
  public StateSizes sizes() {
    int fds = descriptors.values().stream().mapToInt(Map::size).sum();
    return new StateSizes(
        processes.size(), fds, files.size(), aliases.size(), windows.size(), expiries.size());
  }

  /** Sizes of the tables of an {@link InMemoryGraphState}. */
  public record StateSizes(
      int processes, int descriptors, int files, int aliases, int dedupWindows, int expiries) {}
}
