package dev.whence.collector.linux.run;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.SourceKind;
import dev.whence.collector.linux.AuditPipeline;
import dev.whence.collector.linux.PositionedEventSink;
import dev.whence.collector.linux.live.AuditUnavailableException;
import dev.whence.collector.linux.live.BootId;
import dev.whence.collector.linux.live.CloneThreadDetector;
import dev.whence.collector.linux.live.GapListener;
import dev.whence.collector.linux.live.KernelAuditFigures;
import dev.whence.collector.linux.live.ListeningSocketSeeds;
import dev.whence.collector.linux.live.ListeningSockets;
import dev.whence.collector.linux.live.LiveAuditSource;
import dev.whence.collector.linux.live.ReadingMode;
import dev.whence.collector.linux.live.SerialGapTracker;
import dev.whence.collector.linux.live.SourcePosition;
import dev.whence.collector.publish.KafkaPublisher;
import dev.whence.collector.publish.PublishFailure;
import dev.whence.collector.publish.PublisherConfig;
import dev.whence.collector.publish.PublisherStats;
import dev.whence.collector.status.CollectorIdentity;
import dev.whence.collector.status.CompletenessTracker;
import dev.whence.collector.status.KernelAuditState;
import dev.whence.collector.status.SequenceRange;
import dev.whence.collector.status.StatusCounters;
import dev.whence.collector.status.StatusReporter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux audit collector: {@link LiveAuditSource} → {@link AuditPipeline} → {@link
 * KafkaPublisher}, with status heartbeats on {@code whence.status}.
 *
 * <p>Checkpoints: each line gets an ordinal, each pipeline output carries the pipeline's checkpoint
 * ordinal as its publisher position (see {@link PositionBook}), and the source is acknowledged only
 * up to the line before the oldest event that is still open or not yet durable. "Durable" means
 * acknowledged by Kafka when reading auditd's files (a crash re-reads from the checkpoint; the
 * event ids de-duplicate), and written ahead to the publisher's spool in netlink mode (which cannot
 * re-read). In netlink mode the accepted serials are also kept in a memory-mapped mark (the serial
 * up to which every serial is accepted or already reported lost, and those accepted beyond it: the
 * kernel delivers slightly out of serial order), so that after a kill -9 the next start reports as
 * lost exactly the serials that never reached the spool; that mark is also what the source persists
 * as acknowledged.
 *
 * <p>Completeness: every event's (boot, serial), and the serial of every refused record when it is
 * known ({@code RejectedInput.sequence}), goes to a {@link CompletenessTracker}, together with the
 * gap the source measures at a netlink restart; gaps and a rising kernel {@code lost} counter are
 * logged at ERROR/WARN with their exact ranges and published in the heartbeats, as are the netlink
 * socket's overruns, the records its reader spilled to disk and the times its reader stalled.
 *
 * <p>Threads: a {@code clone3} child is looked up in {@code /proc} as the event passes ({@link
 * CloneThreadDetector}), because audit does not record clone3's flags; a thread gets the thread
 * flags so that the graph folds it into its process.
 *
 * <p>Sockets listening before the start are seeded as BIND events ({@link ListeningSocketSeeds}).
 *
 * <p>Use: {@link #start}, {@link #run()} on a thread of its own (returns after {@link #stop()}),
 * then {@link #close()}: it flushes the pipeline and the publisher, then restores the kernel's
 * audit settings.
 */
public final class LinuxAuditCollector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LinuxAuditCollector.class);
  private static final String SOURCE_NAME = "linux-audit";
  private static final int SETTLE_RECORDS = 1000;
  private static final Duration SETTLE_TIME = Duration.ofSeconds(2);

  private final CollectorSettings settings;
  private final String boot;
  private final CompletenessTracker tracker = new CompletenessTracker();
  private final SequenceAccounting sequences;
  private final CloneThreadDetector threads = CloneThreadDetector.ofHost();
  private final long ownPid = ProcessHandle.current().pid();
  private final PositionBook book = new PositionBook();
  private final Object pipelineLock = new Object();
  private final AtomicLong kafkaToken = new AtomicLong();
  private final AtomicLong acceptedToken = new AtomicLong();
  private final AtomicLong lines = new AtomicLong();
  private final AtomicReference<KernelAuditFigures> lastFigures = new AtomicReference<>();
  private final AtomicReference<PublishFailure> failure = new AtomicReference<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CountDownLatch runDone = new CountDownLatch(1);
  private volatile boolean runStarted;
  private final ScheduledExecutorService scheduler;
  private AuditPipeline pipeline;
  private KafkaPublisher publisher;
  private LiveAuditSource source;
  private StatusReporter reporter;
  private AcceptedSerialMark mark;
  private volatile NavigableSet<Long> acceptedBeyondAtStart = Collections.emptyNavigableSet();
  private ReadingMode mode;
  private long acknowledgedToken;
  private long nextPipelineOrdinal = 1;
  private long kernelLostAtStart = -1;
  private volatile boolean closing;

  private LinuxAuditCollector(CollectorSettings settings, String boot) {
    this.settings = settings;
    this.boot = boot;
    this.sequences = new SequenceAccounting(tracker, boot);
    this.scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "whence-collector-timer");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Checks the host, installs Whence's audit settings, opens the publisher and starts the timers;
   * reading begins with {@link #run()}.
   *
   * @throws AuditUnavailableException when the host cannot serve (not root, no audit, auditd
   *     missing in file mode...), with what to do about it
   */
  public static LinuxAuditCollector start(CollectorSettings settings, Clock clock)
      throws AuditUnavailableException, IOException {
    LinuxAuditCollector c = new LinuxAuditCollector(settings, BootId.current());
    try {
      c.open(clock);
    } catch (AuditUnavailableException | IOException | RuntimeException e) {
      c.abandon();
      throw e;
    }
    return c;
  }

  private void open(Clock clock) throws AuditUnavailableException, IOException {
    LiveAuditSource.Options options = settings.source();
    if (options.mode() != ReadingMode.AUDITD_FILE) {
      acceptedBeyondAtStart = AcceptedSerialMark.readAcceptedBeyond(options.dataDir(), boot);
      carryAcceptedMarkForward(options, clock);
    }
    pipeline = new AuditPipeline(new PublishingSink(), settings.hostId(), boot, clock);
    source = LiveAuditSource.start(options, this::onLine, new RestartGap(), clock);
    mode = source.mode();
    boolean netlink = mode == ReadingMode.NETLINK;
    if (netlink) {
      mark = AcceptedSerialMark.open(options.dataDir(), boot);
      if (mark.serial() >= 0) {
        mark.hold();
      }
    }
    PublisherConfig pc = settings.publisher().withWriteAhead(netlink);
    publisher =
        KafkaPublisher.start(
            pc, clock, t -> kafkaToken.accumulateAndGet(t, Math::max), this::onFailure);
    CollectorIdentity identity =
        new CollectorIdentity(
            settings.hostId(),
            boot,
            SourceKind.LINUX_AUDIT,
            UUID.randomUUID().toString(),
            netlink ? "netlink" : "auditd-file");
    reporter =
        new StatusReporter(
            identity, tracker, this::statusCounters, this::kernelState, publisher, clock, 64);
    long tick = settings.tickInterval().toNanos();
    scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.NANOSECONDS);
    reporter.start(scheduler, settings.statusInterval());
    seedListeningSockets();
    LOG.info(
        "collecting Linux audit of host {} (boot {}) in {} mode into {}",
        settings.hostId(),
        boot,
        identity.mode(),
        pc.bootstrapServers());
  }

  /**
   * Sends one seed record per descriptor of every TCP socket listening now ({@link
   * ListeningSocketSeeds}); they come back through the source with serials of their own and become
   * BIND events. A failure costs only the seeds.
   */
  private void seedListeningSockets() {
    try {
      List<ListeningSockets.Listening> listening = ListeningSockets.ofHost().scan();
      int sent = ListeningSocketSeeds.send(listening);
      LOG.info(
          "seeded {} descriptors of {} TCP sockets listening at start as audit records",
          sent,
          listening.size());
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not seed the sockets listening at start: {}", e.toString());
    }
  }

  /**
   * In netlink mode a killed run may have spooled events after its last persisted serial; raising
   * the source's persisted serial to the mark keeps them out of the gap the next start reports.
   */
  private void carryAcceptedMarkForward(LiveAuditSource.Options options, Clock clock)
      throws IOException {
    OptionalLong accepted = AcceptedSerialMark.read(options.dataDir(), boot);
    if (accepted.isEmpty()) {
      return;
    }
    SerialGapTracker persisted =
        new SerialGapTracker(
            options.dataDir().resolve(LiveAuditSource.SERIAL_FILE),
            boot,
            (from, to) -> {},
            clock,
            SETTLE_RECORDS,
            SETTLE_TIME);
    persisted.acknowledged(accepted.getAsLong());
  }

  /** The reading mode chosen (netlink daemon or auditd's files). */
  public ReadingMode mode() {
    return mode;
  }

  /** The boot id events carry. */
  public String boot() {
    return boot;
  }

  /** Reads until {@link #stop()} or {@link #close()}; call on a thread of its own. */
  public void run() throws IOException, InterruptedException {
    runStarted = true;
    try {
      source.run();
    } finally {
      runDone.countDown();
    }
  }

  /** Asks {@link #run()} to return. */
  public void stop() {
    source.stop();
  }

  /** Counters since start. */
  public CollectorCounters counters() {
    PublisherStats s = publisher.stats();
    return new CollectorCounters(
        lines.get(),
        pipeline.events(),
        s.eventsPublished(),
        s.rejectedAccepted(),
        s.eventsSpooled(),
        s.spoolDepth(),
        tracker.snapshot().missing(),
        source.socketOverruns(),
        source.recordsSpilled(),
        source.readerStalls());
  }

  /** The tracker of audit serials, for tests and the status. */
  public CompletenessTracker completeness() {
    return tracker;
  }

  /** The failure that stopped publishing, or null. */
  public PublishFailure failure() {
    return failure.get();
  }

  /**
   * Stops reading, closes every open event, waits for the publisher (spooling what Kafka has not
   * taken), acknowledges what is durable, sends a last heartbeat and restores the kernel's audit
   * settings. Idempotent.
   */
  @Override
  public void close() throws IOException {
    if (closing) {
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    closing = true;
    IOException first = null;
    try {
      if (source != null) {
        source.stop();
      }
      awaitRun();
      scheduler.shutdown();
      awaitScheduler();
      if (pipeline != null) {
        synchronized (pipelineLock) {
          nextPipelineOrdinal = book.ordinalAfterLine();
          pipeline.flush();
        }
      }
      if (reporter != null) {
        reporter.close();
        reporter.report();
      }
      if (publisher != null) {
        try {
          publisher.awaitIdle(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        publisher.close();
      }
      acknowledgeDurable();
    } catch (IOException e) {
      first = e;
    } finally {
      try {
        if (mark != null) {
          mark.close();
        }
      } catch (IOException e) {
        first = first == null ? e : first;
      }
      try {
        if (source != null) {
          source.close();
        }
      } catch (IOException e) {
        first = first == null ? e : first;
      }
      CollectorCounters c = publisher == null ? null : counters();
      LOG.info("collector closed; {}", c);
      closed.countDown();
    }
    if (first != null) {
      throw first;
    }
  }

  private void abandon() {
    scheduler.shutdownNow();
    try {
      if (publisher != null) {
        publisher.close();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("closing the publisher after a failed start: {}", e.toString());
    }
    try {
      if (mark != null) {
        mark.close();
      }
    } catch (IOException e) {
      LOG.warn("closing the serial mark after a failed start: {}", e.toString());
    }
    try {
      if (source != null) {
        source.close();
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("restoring the audit settings after a failed start failed", e);
    }
  }

  private void awaitRun() {
    if (!runStarted) {
      return;
    }
    try {
      if (!runDone.await(10, TimeUnit.SECONDS)) {
        LOG.warn("the audit reader did not stop within 10 s; flushing anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitScheduler() {
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("collector timers did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onLine(byte[] buffer, int offset, int length, SourcePosition position) {
    lines.incrementAndGet();
    synchronized (pipelineLock) {
      long ordinal = book.line(position);
      nextPipelineOrdinal = ordinal;
      pipeline.acceptLine(buffer, offset, length, SOURCE_NAME, ordinal);
      nextPipelineOrdinal = ordinal + 1;
    }
  }

  /**
   * The gap a netlink restart measured: logged and reported, then counted as accounted for in the
   * mark, which the restart held until then.
   */
  private final class RestartGap implements GapListener {

    @Override
    public void onGap(long from, long to) {
      for (SequenceRange lost : SequenceAccounting.lostRanges(from, to, acceptedBeyondAtStart)) {
        LOG.error(
            "AUDIT RECORDS LOST: serials {}..{} of boot {} ({} records) were produced by the kernel"
                + " while no collector was reading them",
            lost.from(),
            lost.to(),
            boot,
            lost.size());
        tracker.reportMissing(boot, lost.from(), lost.to());
      }
      if (mark != null) {
        mark.accountedThrough(to);
      }
    }

    @Override
    public void onSettled() {
      if (mark != null) {
        mark.release();
      }
    }
  }

  private void onFailure(PublishFailure f) {
    failure.set(f);
    LOG.error(
        "publishing stopped by a non-retriable failure ({}): {}; records stay in the spool",
        f.kind(),
        f.message());
    source.stop();
  }

  private void tick() {
    try {
      synchronized (pipelineLock) {
        nextPipelineOrdinal = book.ordinalAfterLine();
        pipeline.tick();
      }
      acknowledgeDurable();
    } catch (IOException | RuntimeException e) {
      LOG.warn("collector tick failed: {}", e.toString(), e);
    }
  }

  /**
   * Acknowledges the source up to the latest durable token: in auditd-file mode with the token's
   * file position; in netlink mode with the accepted mark, because the line order the token follows
   * is not serial order.
   */
  private synchronized void acknowledgeDurable() throws IOException {
    long token = mode == ReadingMode.NETLINK ? acceptedToken.get() : kafkaToken.get();
    if (token <= acknowledgedToken) {
      return;
    }
    if (mode == ReadingMode.NETLINK) {
      long accounted = mark.serial();
      if (accounted >= 0) {
        source.acknowledge(new SourcePosition.NetlinkPosition(accounted));
      }
    } else if (book.positionForToken(token) instanceof SourcePosition.FilePosition position) {
      source.acknowledge(position);
    }
    acknowledgedToken = token;
    book.release(token);
  }

  /**
   * The publisher's counters and the netlink reader's socket overruns, spilled records and stalls
   * (0 in auditd-file mode), for a heartbeat on the scheduler thread: all read atomics or under a
   * lock.
   */
  private StatusCounters statusCounters() {
    return publisher
        .stats()
        .asStatusCounters(0)
        .withReader(source.socketOverruns(), source.recordsSpilled(), source.readerStalls());
  }

  /** The kernel's figures for a heartbeat, from the source (which also settles a restart gap). */
  private KernelAuditState kernelState() {
    try {
      KernelAuditFigures f = source.kernelFigures();
      KernelAuditFigures previous = lastFigures.getAndSet(f);
      if (kernelLostAtStart < 0) {
        kernelLostAtStart = f.lost();
        if (f.lost() > 0) {
          LOG.warn(
              "the kernel's audit lost counter is already {} at start (lost before this run)",
              f.lost());
        }
      } else if (previous != null && f.lost() > previous.lost()) {
        LOG.error(
            "KERNEL LOST AUDIT RECORDS: lost counter rose from {} to {} (+{}) since the last"
                + " heartbeat; backlog {} of {}",
            previous.lost(),
            f.lost(),
            f.lost() - previous.lost(),
            f.backlog(),
            f.backlogLimit());
      }
      return new KernelAuditState(f.lost(), f.backlog(), f.backlogLimit());
    } catch (RuntimeException | IOException e) {
      LOG.warn("cannot read the kernel's audit figures: {}", e.toString());
      return KernelAuditState.UNKNOWN;
    }
  }

  /** Pipeline output: publishes with the checkpoint token as position. Runs under pipelineLock. */
  private final class PublishingSink implements PositionedEventSink {

    @Override
    public void event(Event event, String sourceName, long position) {
      ListeningSocketSeeds.rewrite(event, ownPid);
      sequences.delivered(event);
      threads.annotate(event);
      long token = book.tokenOf(pipeline.checkpointPosition(nextPipelineOrdinal));
      publisher.event(event, token);
      if (mark != null) {
        mark.accepted(event.getSequence());
      }
      acceptedToken.accumulateAndGet(token, Math::max);
    }

    @Override
    public void rejected(RejectedInput rejected) {
      sequences.refused(rejected);
      long token = book.tokenOf(pipeline.checkpointPosition(nextPipelineOrdinal));
      publisher.rejected(rejected, token);
      if (mark != null && rejected.getSequence() != null) {
        mark.accepted(rejected.getSequence());
      }
      acceptedToken.accumulateAndGet(token, Math::max);
    }
  }
}
