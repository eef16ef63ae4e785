package dev.whence.graph.state;

import dev.whence.graph.identity.NaturalKey;
import java.util.Objects;

/** Key of the de-duplication window of one boot of one host. */
public record DedupKey(String host, String boot) implements StateKey {

  /** Written out: a hot hash-map key, spared the record's generated method-handle chain. */
  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof DedupKey k && Objects.equals(host, k.host) && Objects.equals(boot, k.boot);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(host) + Objects.hashCode(boot);
  }

  @Override
  public String storeKey() {
    return NaturalKey.of("s", host, boot);
  }
}
