package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;

/** Key of the name table: (host, normalized path). */
public record AliasKey(String host, String path) implements StateKey {
  @Override
  public String storeKey() {
    return NaturalKey.of("a", host, path);
  }
}
