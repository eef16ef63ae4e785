package dev.whence.collector.status;

import dev.whence.avro.SourceKind;
import java.util.Objects;

/**
 * Who reports a status.
 *
 * @param host host id, the key on {@code whence.status}
 * @param boot boot id reported until the source delivers its first sequence
 * @param source kind of trace collected
 * @param collectorId id of this collector instance (new at each start)
 * @param mode how the collector reads (netlink daemon, auditd log files, file replay...), or null
 */
public record CollectorIdentity(
    String host, String boot, SourceKind source, String collectorId, String mode) {

  public CollectorIdentity {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(boot, "boot");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(collectorId, "collectorId");
  }
}
