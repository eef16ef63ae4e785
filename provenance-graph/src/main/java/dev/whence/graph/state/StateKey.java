package dev.whence.graph.state;

/** A key of the state port. Every key belongs to one host, so state partitions by host. */
public sealed interface StateKey permits ProcessKey, DescriptorKey, FileKey, AliasKey, DedupKey {

  /** Host the keyed state belongs to. */
  String host();

  /**
   * An unambiguous text form (type tag and length-prefixed parts) usable as a store key; keys of
   * descriptors of one process share the prefix {@link DescriptorKey#prefixOf(ProcessKey)}.
   */
  String storeKey();
}
