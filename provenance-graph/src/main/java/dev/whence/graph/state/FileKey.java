package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;

/** Key of the current-version table of files: (host, file entity id). */
public record FileKey(String host, String entityId) implements StateKey {
  @Override
  public String storeKey() {
    return NaturalKey.of("f", host, entityId);
  }
}
