package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;
import java.util.Objects;

/** Key of the name table: (host, normalized path). */
public record AliasKey(String host, String path) implements StateKey {

  /** Written out: a hot hash-map key, spared the record's generated method-handle chain. */
  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof AliasKey k && Objects.equals(host, k.host) && Objects.equals(path, k.path);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(host) + Objects.hashCode(path);
  }

  @Override
  public String storeKey() {
    return NaturalKey.of("a", host, path);
  }
}
