package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;
import java.util.Objects;

/** Key of the process table: (host, pid). */
public record ProcessKey(String host, int pid) implements StateKey {

  /** Written out: a hot hash-map key, spared the record's generated method-handle chain. */
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof ProcessKey k && pid == k.pid && Objects.equals(host, k.host);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(host) + pid;
  }

  @Override
  public String storeKey() {
    return NaturalKey.of("p", host, pid);
  }
}
