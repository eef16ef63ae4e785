package dev.whence.collector.status;

import dev.whence.avro.CollectorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * Decides which loss signals rose between two heartbeats: missing sequences in the same boot, the
 * kernel's lost counter, the reader's socket overruns and stalls (all WARN), and the records the
 * reader spilled to disk (INFO). Before the first heartbeat, and for missing sequences after a boot
 * change, every figure counts as having been 0 (as does a negative one), so only a positive figure
 * can warn.
 */
public final class LossWarnings {

  private LossWarnings() {}

  /**
   * The warnings to log for {@code current}, in the order missing sequences, kernel lost, socket
   * overruns, reader stalls, spilled records; empty when nothing rose.
   *
   * @param previous the previous heartbeat, or null for the first one
   * @param current this heartbeat
   */
  public static List<LossWarning> between(CollectorStatus previous, CollectorStatus current) {
    Objects.requireNonNull(current, "current");
    String host = current.getHost();
    List<LossWarning> warnings = new ArrayList<>(5);
    boolean sameBoot = previous != null && previous.getBoot().equals(current.getBoot());
    addOnRise(
        warnings,
        Level.WARN,
        "missingSequences",
        sameBoot ? previous.getMissingSequences() : 0,
        current.getMissingSequences(),
        (rise, total) ->
            format(
                "host %s boot %s: %d sequences missing (%d new since the last heartbeat);"
                    + " latest gaps %s",
                host,
                current.getBoot(),
                total,
                rise,
                current.getGaps().stream().map(g -> g.getFrom() + ".." + g.getTo()).toList()));
    Long lost = current.getKernelLost();
    if (lost != null) {
      Long before = previous == null ? null : previous.getKernelLost();
      addOnRise(
          warnings,
          Level.WARN,
          "kernelLost",
          before == null ? 0 : before,
          lost,
          (rise, total) ->
              format(
                  "host %s: the kernel reports %d lost audit records (%d new since the last"
                      + " heartbeat)",
                  host, total, rise));
    }
    addOnRise(
        warnings,
        Level.WARN,
        "socketOverruns",
        previous == null ? 0 : previous.getSocketOverruns(),
        current.getSocketOverruns(),
        (rise, total) ->
            format(
                "host %s: the audit socket overflowed %d times since the last heartbeat (%d since"
                    + " start): the kernel may have dropped records (see kernelLost and the"
                    + " sequence gaps)",
                host, rise, total));
    addOnRise(
        warnings,
        Level.WARN,
        "readerStalls",
        previous == null ? 0 : previous.getReaderStalls(),
        current.getReaderStalls(),
        (rise, total) ->
            format(
                "host %s: the reader stopped reading the audit socket %d times since the last"
                    + " heartbeat (%d since start): its memory queue and disk spill were full,"
                    + " the kernel's backlog filled and the kernel may have dropped records (see"
                    + " kernelLost)",
                host, rise, total));
    addOnRise(
        warnings,
        Level.INFO,
        "recordsSpilled",
        previous == null ? 0 : previous.getRecordsSpilled(),
        current.getRecordsSpilled(),
        (rise, total) ->
            format(
                "host %s: the reader spilled %d records to disk since the last heartbeat (%d"
                    + " since start): its memory queue was full, the collector is falling behind",
                host, rise, total));
    return List.copyOf(warnings);
  }

  private interface Message {
    String of(long rise, long total);
  }

  private static void addOnRise(
      List<LossWarning> warnings,
      Level level,
      String figure,
      long before,
      long now,
      Message message) {
    long since = Math.max(0, before);
    if (now > since) {
      long rise = now - since;
      warnings.add(new LossWarning(level, figure, rise, now, message.of(rise, now)));
    }
  }

  private static String format(String template, Object... arguments) {
    return String.format(Locale.ROOT, template, arguments);
  }
}
