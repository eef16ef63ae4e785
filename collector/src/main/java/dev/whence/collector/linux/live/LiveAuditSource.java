package dev.whence.collector.linux.live;

import dev.whence.collector.linux.live.file.AuditLogTailer;
import dev.whence.collector.linux.live.file.AuditdConfig;
import dev.whence.collector.linux.live.netlink.AuditNetlinkException;
import dev.whence.collector.linux.live.rules.AuditRule;
import dev.whence.collector.linux.live.rules.AuditRuleParser;
import dev.whence.collector.linux.live.rules.AuditRuleProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux live audit source, all parts wired: checks the host, chooses the reading mode, applies
 * the never-drop kernel settings and Whence's rules under its guard (restored at close,
 * SIGTERM/SIGINT, or at the next start after a kill -9), and reads records as the netlink daemon or
 * from auditd's files. Start it with {@link #start}, call {@link #run()} on a dedicated thread,
 * {@link #acknowledge} positions once their data is durably published, and {@link #close()} at the
 * end.
 */
public final class LiveAuditSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveAuditSource.class);

  /** File in the data dir with the last acknowledged serial (netlink mode). */
  public static final String SERIAL_FILE = "audit-netlink-serial.properties";

  /** File in the data directory taking the overflow of the netlink reader's queue. */
  public static final String SPILL_FILE = "audit-netlink-spill.bin";

  /** File in the data dir with the auditd log checkpoint (file mode). */
  public static final String CHECKPOINT_FILE = "audit-log.checkpoint";

  /**
   * Configuration.
   *
   * @param dataDir where state files are kept
   * @param mode reading mode ({@link ReadingMode#AUTO} by default)
   * @param key rule key (default {@code whence})
   * @param rules rules to install
   * @param backlogLimit kernel backlog limit (default 8192)
   * @param backlogWaitTime kernel backlog wait time in jiffies (default 60000)
   * @param auditdConf auditd's configuration, for the log file's path (file mode)
   * @param nodeName prefix {@code node=NAME } for netlink lines, or null
   * @param startAt where file mode begins without a checkpoint
   * @param command how the user started Whence, for messages
   */
  public record Options(
      Path dataDir,
      ReadingMode mode,
      String key,
      List<AuditRule> rules,
      long backlogLimit,
      long backlogWaitTime,
      Path auditdConf,
      String nodeName,
      AuditLogTailer.StartAt startAt,
      String command) {

    /** Defaults: AUTO mode, key whence, the {@code standard} profile, backlog 8192, wait 60000. */
    public static Options defaults(Path dataDir) {
      return new Options(
          dataDir,
          ReadingMode.AUTO,
          AuditSettingsGuard.Settings.DEFAULT_KEY,
          AuditRuleProfile.STANDARD.rules(AuditRuleParser.forHost()),
          AuditSettingsGuard.Settings.DEFAULT_BACKLOG_LIMIT,
          AuditSettingsGuard.Settings.DEFAULT_BACKLOG_WAIT_TIME,
          AuditdConfig.DEFAULT_PATH,
          null,
          AuditLogTailer.StartAt.END,
          "whence up");
    }

    /** These options with another mode. */
    public Options withMode(ReadingMode m) {
      return new Options(
          dataDir,
          m,
          key,
          rules,
          backlogLimit,
          backlogWaitTime,
          auditdConf,
          nodeName,
          startAt,
          command);
    }

    /** These options with other rules (e.g. {@code AuditRuleProfile.FULL.rules(...)}). */
    public Options withRules(List<AuditRule> r) {
      return new Options(
          dataDir,
          mode,
          key,
          r,
          backlogLimit,
          backlogWaitTime,
          auditdConf,
          nodeName,
          startAt,
          command);
    }
  }

  private final ReadingMode mode;
  private final AuditSettingsGuard guard;
  private final NetlinkDaemonReader reader;
  private final SerialGapTracker gaps;
  private final AuditLogTailer tailer;
  private final CountDownLatch runFinished = new CountDownLatch(1);
  private volatile boolean running;

  private LiveAuditSource(
      ReadingMode mode,
      AuditSettingsGuard guard,
      NetlinkDaemonReader reader,
      SerialGapTracker gaps,
      AuditLogTailer tailer) {
    this.mode = mode;
    this.guard = guard;
    this.reader = reader;
    this.gaps = gaps;
    this.tailer = tailer;
  }

  /**
   * Checks the host, restores a killed run's leftovers, applies the settings and prepares reading.
   *
   * @param handler receives every line (may block: backpressure)
   * @param gapListener told of serials lost while Whence was not the daemon (netlink mode)
   * @param clock time for the gap tracker's settling period
   * @throws AuditUnavailableException when the host cannot serve, with how to fix it
   */
  public static LiveAuditSource start(
      Options options, AuditLineHandler handler, GapListener gapListener, Clock clock)
      throws AuditUnavailableException, IOException {
    AuditHostCheck.Result host = AuditHostCheck.check(options.command(), options.mode());
    AuditSettingsGuard guard = AuditSettingsGuard.open(options.dataDir());
    AuditSettingsGuard.Settings settings =
        new AuditSettingsGuard.Settings(
            options.key(), options.rules(), options.backlogLimit(), options.backlogWaitTime());
    if (host.mode() == ReadingMode.NETLINK) {
      SerialGapTracker gaps =
          new SerialGapTracker(
              options.dataDir().resolve(SERIAL_FILE),
              BootId.current(),
              gapListener,
              clock,
              1000,
              Duration.ofSeconds(2));
      NetlinkDaemonReader reader =
          NetlinkDaemonReader.withSpill(
              handler,
              gaps,
              options.nodeName(),
              options.dataDir().resolve(SPILL_FILE),
              NetlinkDaemonReader.DEFAULT_SPILL_BYTES);
      try {
        reader.register();
        guard.apply(settings);
      } catch (AuditNetlinkException e) {
        reader.close();
        guard.restore();
        throw new AuditUnavailableException(AuditHostCheck.explain(options.command(), e), e);
      } catch (IOException | RuntimeException e) {
        reader.close();
        guard.restore();
        throw e;
      }
      LOG.info("reading kernel audit as the netlink audit daemon");
      return new LiveAuditSource(ReadingMode.NETLINK, guard, reader, gaps, null);
    }
    AuditdConfig conf = AuditdConfig.read(options.auditdConf());
    AuditLogTailer tailer =
        new AuditLogTailer(
            conf.logFile(),
            options.dataDir().resolve(CHECKPOINT_FILE),
            handler,
            options.startAt(),
            Duration.ofMillis(100));
    try {
      guard.apply(settings);
      tailer.open();
    } catch (AuditNetlinkException e) {
      tailer.close();
      guard.restore();
      throw new AuditUnavailableException(AuditHostCheck.explain(options.command(), e), e);
    } catch (IOException | RuntimeException e) {
      tailer.close();
      guard.restore();
      throw e;
    }
    LOG.info("reading kernel audit from auditd's log {}", conf.logFile());
    return new LiveAuditSource(ReadingMode.AUDITD_FILE, guard, null, null, tailer);
  }

  /** The mode chosen. */
  public ReadingMode mode() {
    return mode;
  }

  /** Reads until {@link #stop()} or {@link #close()}; call on a dedicated thread. */
  public void run() throws IOException, InterruptedException {
    running = true;
    try {
      if (reader != null) {
        reader.run();
        gaps.settle();
      } else {
        tailer.run();
      }
    } finally {
      runFinished.countDown();
    }
  }

  /**
   * Records that every line up to {@code position} is durably published: advances the file
   * checkpoint, or in netlink mode the persisted serial (every serial up to it published or
   * reported lost; see {@link SerialGapTracker#acknowledged}).
   */
  public void acknowledge(SourcePosition position) throws IOException {
    if (position instanceof SourcePosition.FilePosition f) {
      if (tailer == null) {
        throw new IllegalArgumentException("a file position in netlink mode: " + f);
      }
      tailer.acknowledge(f);
    } else if (position instanceof SourcePosition.NetlinkPosition n) {
      if (gaps == null) {
        throw new IllegalArgumentException("a netlink position in file mode: " + n);
      }
      gaps.acknowledged(n.serial());
    }
  }

  /**
   * The kernel's lost, backlog and backlog limit, for the heartbeat. In netlink mode it also ends
   * the restart gap's settling period when that is over by the clock (never before the first
   * record: see {@link SerialGapTracker#settleIfDue()}).
   */
  public KernelAuditFigures kernelFigures() throws AuditNetlinkException {
    if (gaps != null) {
      gaps.settleIfDue();
    }
    return KernelAuditFigures.read();
  }

  /**
   * ENOBUFS overruns of the netlink socket since the start ({@link
   * NetlinkDaemonReader#overruns()}); 0 when reading auditd's files. Safe from any thread.
   */
  public long socketOverruns() {
    return reader == null ? 0 : reader.overruns();
  }

  /**
   * Records the netlink reader wrote to its spill file because its memory queue was full, since the
   * start ({@link NetlinkDaemonReader#spilled()}); 0 when reading auditd's files. Safe from any
   * thread.
   */
  public long recordsSpilled() {
    return reader == null ? 0 : reader.spilled();
  }

  /**
   * Times the netlink reader stopped reading its socket because its memory queue and its spill file
   * were both full, since the start ({@link NetlinkDaemonReader#queueFullWaits()}); 0 when reading
   * auditd's files. Safe from any thread.
   */
  public long readerStalls() {
    return reader == null ? 0 : reader.queueFullWaits();
  }

  /** Stops reading until {@link #resume()} (backpressure). */
  public void pause() {
    if (reader != null) {
      reader.pause();
    } else {
      tailer.pause();
    }
  }

  /** Resumes reading. */
  public void resume() {
    if (reader != null) {
      reader.resume();
    } else {
      tailer.resume();
    }
  }

  /** Asks {@link #run()} to return. */
  public void stop() {
    if (reader != null) {
      reader.stop();
    } else {
      tailer.stop();
    }
  }

  /** Stops reading, waits up to 5 s for {@link #run()} to return, then restores the kernel. */
  @Override
  public void close() throws IOException {
    stop();
    if (running) {
      try {
        if (!runFinished.await(5, TimeUnit.SECONDS)) {
          LOG.warn("the audit reader did not stop within 5 s; restoring the kernel anyway");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (reader != null) {
        reader.close();
      } else {
        tailer.close();
      }
    } finally {
      guard.restore();
    }
  }
}
