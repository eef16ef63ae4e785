package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;

/** Key of the descriptor table: (host, pid, fd). */
public record DescriptorKey(String host, int pid, int fd) implements StateKey {

  /** The process whose table holds this descriptor. */
  public ProcessKey process() {
    return new ProcessKey(host, pid);
  }

  /** {@link #prefixOf} this descriptor's process, then the fd as a natural-key part. */
  @Override
  public String storeKey() {
    StringBuilder out = new StringBuilder(host == null ? 40 : host.length() + 40);
    return NaturalKey.appendPart(appendPrefix(out, host, pid), fd).toString();
  }

  /** The store-key prefix shared by every descriptor of {@code process} (for a prefix scan). */
  public static String prefixOf(ProcessKey process) {
    String host = process.host();
    StringBuilder out = new StringBuilder(host == null ? 32 : host.length() + 32);
    return appendPrefix(out, host, process.pid()).toString();
  }

  private static StringBuilder appendPrefix(StringBuilder out, String host, int pid) {
    return NaturalKey.appendPart(NaturalKey.appendPart(out.append('d'), host), pid).append('#');
  }
}
