package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;

/** Key of the process table: (host, pid). */
public record ProcessKey(String host, int pid) implements StateKey {
  @Override
  public String storeKey() {
    return NaturalKey.of("p", host, pid);
  }
}
