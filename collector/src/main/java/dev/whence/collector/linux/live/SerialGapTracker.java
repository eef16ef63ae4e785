package dev.whence.collector.linux.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * Measures the hole a restart leaves in netlink-daemon mode. While no audit daemon is connected the
 * kernel discards its records (booted without {@code audit=1}) and its {@code lost} counter does
 * not move, so only serials show the loss. This tracker persists the last serial whose data was
 * acknowledged (published durably) together with the boot id, and after a restart in the same boot
 * reports the serials between it and the first ones received as a gap.
 *
 * <p>Records of different CPUs can arrive slightly out of serial order, so the gap is reported
 * after a settling period (a number of records or a time, whichever comes first) from the lowest
 * new serial seen in it.
 */
public final class SerialGapTracker {

  private final Path stateFile;
  private final String bootId;
  private final GapListener listener;
  private final Clock clock;
  private final int settleRecords;
  private final Duration settleTime;
  private final long resumeAfter;
  private long persisted;
  private boolean settled;
  private long lowestNew = Long.MAX_VALUE;
  private int seen;
  private Instant firstSeenAt;

  /**
   * @param stateFile where the last acknowledged serial is kept (in the data dir)
   * @param bootId this boot's id ({@link BootId#current()})
   * @param listener told of the gap, at most once per start
   * @param clock time for the settling period
   * @param settleRecords records to observe before reporting (e.g. 1000)
   * @param settleTime time to observe before reporting (e.g. 2 s)
   */
  public SerialGapTracker(
      Path stateFile,
      String bootId,
      GapListener listener,
      Clock clock,
      int settleRecords,
      Duration settleTime)
      throws IOException {
    this.stateFile = stateFile;
    this.bootId = bootId;
    this.listener = listener;
    this.clock = clock;
    this.settleRecords = settleRecords;
    this.settleTime = settleTime;
    OptionalLong previous = load(stateFile, bootId);
    this.resumeAfter = previous.orElse(-1);
    this.persisted = resumeAfter;
    this.settled = previous.isEmpty();
  }

  /** The serial acknowledged last in this boot by a previous or this run, if any. */
  public synchronized OptionalLong lastAcknowledged() {
    return persisted < 0 ? OptionalLong.empty() : OptionalLong.of(persisted);
  }

  /** Notes a serial received from the kernel. */
  public synchronized void observe(long serial) {
    if (settled || serial < 0) {
      return;
    }
    if (firstSeenAt == null) {
      firstSeenAt = clock.instant();
    }
    if (serial > resumeAfter) {
      lowestNew = Math.min(lowestNew, serial);
    }
    seen++;
    if (seen >= settleRecords || !clock.instant().isBefore(firstSeenAt.plus(settleTime))) {
      settle();
    }
  }

  /**
   * Ends the settling period when it is over by the clock (on a heartbeat): only once a record was
   * received and the settling time has passed since the first one. Before the first record nothing
   * is known about the gap, so ending it then would hide the gap for good.
   */
  public synchronized void settleIfDue() {
    if (!settled
        && firstSeenAt != null
        && !clock.instant().isBefore(firstSeenAt.plus(settleTime))) {
      settle();
    }
  }

  /** Ends the settling period now (at shutdown) and reports any gap, then that it is settled. */
  public synchronized void settle() {
    if (settled) {
      return;
    }
    settled = true;
    if (lowestNew != Long.MAX_VALUE && lowestNew > resumeAfter + 1) {
      listener.onGap(resumeAfter + 1, lowestNew - 1);
    }
    listener.onSettled();
  }

  /**
   * Persists {@code serial} as acknowledged when it is beyond the one persisted: every serial up to
   * it must be published durably or already reported lost, since the next start counts only those
   * after it.
   */
  public synchronized void acknowledged(long serial) throws IOException {
    if (serial <= persisted) {
      return;
    }
    String text = "bootId=" + bootId + "\nserial=" + serial + "\n";
    AtomicFiles.write(stateFile, text.getBytes(StandardCharsets.US_ASCII));
    persisted = serial;
  }

  private static OptionalLong load(Path stateFile, String bootId) throws IOException {
    if (!Files.exists(stateFile)) {
      return OptionalLong.empty();
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(stateFile, StandardCharsets.US_ASCII)) {
      p.load(in);
    }
    String serial = p.getProperty("serial");
    if (!bootId.equals(p.getProperty("bootId")) || serial == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(serial.strip()));
    } catch (NumberFormatException e) {
      throw new IOException(stateFile + ": serial is not a number: " + serial, e);
    }
  }
}
