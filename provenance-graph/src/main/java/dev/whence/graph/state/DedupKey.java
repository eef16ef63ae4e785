package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;

/** Key of the de-duplication window of one boot of one host. */
public record DedupKey(String host, String boot) implements StateKey {
  @Override
  public String storeKey() {
    return NaturalKey.of("s", host, boot);
  }
}
