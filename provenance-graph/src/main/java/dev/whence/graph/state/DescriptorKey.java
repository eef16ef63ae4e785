package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;

/** Key of the descriptor table: (host, pid, fd). */
public record DescriptorKey(String host, int pid, int fd) implements StateKey {

  /** The process whose table holds this descriptor. */
  public ProcessKey process() {
    return new ProcessKey(host, pid);
  }

  @Override
  public String storeKey() {
    return prefixOf(process()) + NaturalKey.of("", fd);
  }

  /** The store-key prefix shared by every descriptor of {@code process} (for a prefix scan). */
  public static String prefixOf(ProcessKey process) {
    return NaturalKey.of("d", process.host(), process.pid()) + "#";
  }
}
