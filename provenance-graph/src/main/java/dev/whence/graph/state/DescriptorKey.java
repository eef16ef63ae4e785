package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;
import java.util.Objects;

/** Key of the descriptor table: (host, pid, fd). */
public record DescriptorKey(String host, int pid, int fd) implements StateKey {

  /** Written out: a hot hash-map key, spared the record's generated method-handle chain. */
  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof DescriptorKey k
            && fd == k.fd
            && pid == k.pid
            && Objects.equals(host, k.host);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Objects.hashCode(host) + pid) + fd;
  }

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
