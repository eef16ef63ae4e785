package dev.whence.graph.state;

import java.util.List;
import java.util.Optional;

/**
 * The port through which the builder reads and writes its state; a Kafka Streams topology backs it
 * with key-value stores (one per table, keys by {@link StateKey#storeKey()}), tests with {@link
 * InMemoryGraphState}. Implementations need no logic of their own beyond ordered storage: the
 * builder decides what to keep and when it expires.
 */
public interface GraphState {

  /** The process table entry of (host, pid), if any. */
  Optional<ProcessEntry> process(ProcessKey key);

  /** Inserts or replaces a process entry. */
  void putProcess(ProcessEntry entry);

  /** Removes a process entry. */
  void deleteProcess(ProcessKey key);

  /** The descriptor table entry of (host, pid, fd), if any. */
  Optional<DescriptorEntry> descriptor(DescriptorKey key);

  /** Inserts or replaces a descriptor entry. */
  void putDescriptor(DescriptorEntry entry);

  /** Removes a descriptor entry. */
  void deleteDescriptor(DescriptorKey key);

  /** Every descriptor of one process (a prefix scan over {@link DescriptorKey#prefixOf}). */
  List<DescriptorEntry> descriptorsOf(ProcessKey process);

  /** The current version of a file entity, if known. */
  Optional<FileEntry> file(FileKey key);

  /** Inserts or replaces the current version of a file entity. */
  void putFile(FileEntry entry);

  /** Removes a file entity's current version. */
  void deleteFile(FileKey key);

  /** The file entity a path names, if known. */
  Optional<AliasEntry> alias(AliasKey key);

  /** Inserts or replaces a name. */
  void putAlias(AliasEntry entry);

  /** Removes a name. */
  void deleteAlias(AliasKey key);

  /** The de-duplication window of one boot of one host, if any. */
  Optional<DedupWindow> dedup(DedupKey key);

  /** Inserts or replaces a de-duplication window. */
  void putDedup(DedupWindow window);

  /** Removes a de-duplication window. */
  void deleteDedup(DedupKey key);

  /** Adds an entry to the expiry index (a store ordered by due time, then key). */
  void schedule(Expiry expiry);

  /** Removes and returns up to {@code max} index entries due at or before {@code nowNanos}. */
  List<Expiry> takeDue(long nowNanos, int max);
}
