package dev.whence.collector.status;

import static org.slf4j.event.Level.INFO;
import static org.slf4j.event.Level.WARN;

import dev.whence.avro.CollectorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.event.Level;

/**
 * Decides which loss signals rose between two heartbeats: missing sequences in the same boot, the
 * kernel's lost counter, the reader's socket overruns and stalls (all WARN), and the records the
 * reader spilled to disk (INFO). Before the first heartbeat, and for missing sequences after a boot
 * change, every figure counts as having been 0 (as does a negative one), so only a positive figure
 * can warn.
 */
public final class LossWarnings {

  /*
   * Message templates; their arguments are always 1 host, 2 rise, 3 total, 4 boot, 5 latest gaps.
   */
  private static final String MISSING_SEQUENCES =
      "host %1$s boot %4$s: %3$d sequences missing (%2$d new since the last heartbeat);"
          + " latest gaps %5$s";
  private static final String KERNEL_LOST =
      "host %1$s: the kernel reports %3$d lost audit records (%2$d new since the last heartbeat)";
  private static final String SOCKET_OVERRUNS =
      "host %1$s: the audit socket overflowed %2$d times since the last heartbeat (%3$d since"
          + " start): the kernel may have dropped records (see kernelLost and the sequence gaps)";
  private static final String READER_STALLS =
      "host %1$s: the reader stopped reading the audit socket %2$d times since the last heartbeat"
          + " (%3$d since start): its memory queue and disk spill were full, the kernel's backlog"
          + " filled and the kernel may have dropped records (see kernelLost)";
  private static final String RECORDS_SPILLED =
      "host %1$s: the reader spilled %2$d records to disk since the last heartbeat (%3$d since"
          + " start): its memory queue was full, the collector is falling behind";

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
    boolean sameBoot = previous != null && previous.getBoot().equals(current.getBoot());
    Rises rises = new Rises(current);
    rises.check(
        WARN,
        "missingSequences",
        CollectorStatus::getMissingSequences,
        sameBoot ? previous : null,
        MISSING_SEQUENCES);
    rises.check(WARN, "kernelLost", CollectorStatus::getKernelLost, previous, KERNEL_LOST);
    rises.check(
        WARN, "socketOverruns", CollectorStatus::getSocketOverruns, previous, SOCKET_OVERRUNS);
    rises.check(WARN, "readerStalls", CollectorStatus::getReaderStalls, previous, READER_STALLS);
    rises.check(
        INFO, "recordsSpilled", CollectorStatus::getRecordsSpilled, previous, RECORDS_SPILLED);
    return List.copyOf(rises.warnings);
  }

  /** The warnings found so far for one heartbeat. */
  private static final class Rises {
    private final CollectorStatus current;
    private final List<LossWarning> warnings = new ArrayList<>(5);

    Rises(CollectorStatus current) {
      this.current = current;
    }

    /**
     * Adds a warning named {@code figure} when {@code field} of this heartbeat is known and exceeds
     * its value in {@code baseline}, counted as 0 when there is no baseline or its value is unknown
     * or negative.
     */
    void check(
        Level level,
        String figure,
        Function<CollectorStatus, Long> field,
        CollectorStatus baseline,
        String template) {
      Long now = field.apply(current);
      Long before = baseline == null ? null : field.apply(baseline);
      long since = before == null ? 0 : Math.max(0, before);
      if (now != null && now > since) {
        long rise = now - since;
        String message =
            String.format(
                Locale.ROOT,
                template,
                current.getHost(),
                rise,
                now,
                current.getBoot(),
                current.getGaps().stream().map(g -> g.getFrom() + ".." + g.getTo()).toList());
        warnings.add(new LossWarning(level, figure, rise, now, message));
      }
    }
  }
}
