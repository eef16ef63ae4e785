package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;
import java.util.Objects;

/** Key of the current-version table of files: (host, file entity id). */
public record FileKey(String host, String entityId) implements StateKey {

  /** Written out: a hot hash-map key, spared the record's generated method-handle chain. */
  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof FileKey k
            && Objects.equals(host, k.host)
            && Objects.equals(entityId, k.entityId);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(host) + Objects.hashCode(entityId);
  }

  @Override
  public String storeKey() {
    return NaturalKey.of("f", host, entityId);
  }
}
