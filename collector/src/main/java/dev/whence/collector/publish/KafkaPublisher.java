package dev.whence.collector.publish;

import dev.whence.avro.CollectorStatus;
import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.SourceKind;
import dev.whence.collector.EventSink;
import dev.whence.collector.publish.SpoolEnvelope.Route;
import dev.whence.collector.spool.DiskSpool;
import dev.whence.collector.spool.SpoolRecord;
import dev.whence.collector.status.StatusSink;
import dev.whence.schemas.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's {@link EventSink} on Kafka: events go to {@code whence.events} and rejected input
 * to {@code whence.events.dlq}, both keyed by host id, and nothing is dropped.
 *
 * <p>While the broker answers, records go straight to an idempotent producer ({@code acks=all},
 * five requests in flight, unlimited retries within the delivery timeout, lz4). When a send fails
 * with a retriable error, when the producer's buffer stays full longer than {@code maxBlock}, or
 * when a record's delivery times out, the publisher switches to <em>spooling</em>: the records the
 * producer still holds are copied to the {@link DiskSpool} in input order, and every new record is
 * appended behind them. A drainer thread resends the spool in order (one record at a time until the
 * broker answers again, then a window of them), acknowledges the spool as Kafka acknowledges, and
 * switches back to direct sending once it has caught up. A copy whose original send succeeded in
 * the meantime is not resent. When the spool is full, {@link #event} blocks until the drainer makes
 * room: the source stops reading, which pushes back into the kernel's queue.
 *
 * <p>Order: one producer sends everything, so records of one host stay in input order, except in
 * one race Kafka allows: a batch that expires while a later batch of the same partition is still
 * accepted (the broker returned just then); the expired record then arrives after the later one.
 * Duplicates (a record acknowledged by Kafka but not yet by the spool when the process dies) carry
 * the same event id and are removed downstream.
 *
 * <p>Checkpoints: every input gets a ticket in input order; the {@link AckListener} hears the
 * caller's position of the last input of the acknowledged prefix, so the source may advance its
 * read checkpoint only over inputs Kafka holds. Records a previous process left in the spool are
 * sent first but reported to nobody (the source's checkpoint is already before them).
 *
 * <p>Failures: {@link FailureKind#of} classifies each. Retriable ones are retried as above. Events
 * that cannot be encoded or exceed {@code maxRecordBytes} become {@code RejectedInput} records on
 * the dead-letter topic (reasons {@code UNENCODABLE_EVENT}, {@code RECORD_TOO_LARGE}); oversized
 * rejections have their bytes cut. Any other failure (authorization, broker size limit, invalid
 * topic, fenced or broken producer) stops the publisher: unacknowledged records are kept in the
 * spool for the next start, the {@link FailureListener} is told once, and input methods throw
 * {@link PublisherFailedException}.
 *
 * <p>With {@link PublisherConfig#writeAhead()} every record takes the spool path, so whatever
 * {@code event} accepted survives a killed process even when the source cannot re-read.
 *
 * <p>The injected clock stamps rejections and paces spool syncs; timeouts and backoff measure
 * elapsed time with {@link System#nanoTime()}.
 *
 * <p>Heartbeats ({@link #status}) are sent best effort, never spooled: the next one supersedes a
 * lost one. Input methods may be called from several threads; calls are serialized.
 */
public final class KafkaPublisher implements EventSink, StatusSink, AutoCloseable {

  /** What the publisher does with new records. */
  public enum State {
    /** Sending to Kafka directly. */
    DIRECT,
    /** Appending to the spool while the drainer resends it. */
    SPOOLING,
    /** Stopped by a non-retriable failure. */
    FAILED,
    /** Closed. */
    CLOSED
  }

  private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
  private static final long NO_POSITION = Long.MIN_VALUE;
  private static final Object WAKE = new Object();
  private static final int IN_FLIGHT = 0;
  private static final int ACKED = 1;
  private static final int FAILED = 2;
  private static final int DLQ_BYTES_WHEN_CUT = 64 * 1024;

  /**
   * How long the drainer lets work accumulate after it is woken, so that a stream of records is
   * resent and acknowledged in batches rather than with a wake-up per record.
   */
  private static final long BATCH_PAUSE_NANOS = 1_000_000;

  private final PublisherConfig config;
  private final Clock clock;
  private final AckListener ackListener;
  private final FailureListener failureListener;
  private final Producer<byte[], byte[]> producer;
  private final DiskSpool spool;
  private final long run = ThreadLocalRandom.current().nextLong();
  private final ReentrantLock inputLock = new ReentrantLock(true);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition spaceFreed = lock.newCondition();
  private final ConcurrentSkipListMap<Long, Pending> direct = new ConcurrentSkipListMap<>();
  private final ConcurrentHashMap<Long, Pending> spilled = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Object> completions = new LinkedBlockingQueue<>();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final Thread drainer;

  private State state;
  private long nextTicket;
  private PublishFailure failure;
  private volatile boolean failureSeen;
  private volatile boolean running = true;
  private volatile boolean closing;
  private volatile long ackedTickets;
  private volatile int spoolInFlightCount;
  private volatile boolean statusFailing;

  private final AckSequencer sequencer = new AckSequencer();
  private final ArrayDeque<InFlight> spoolInFlight = new ArrayDeque<>();
  private final Set<Long> doneAhead = new HashSet<>();
  private long cursor;
  private boolean spoolFailed;
  private boolean healthy = true;
  private long backoffUntilNanos;
  private long backoffMillis;
  private boolean failureReported;

  private final AtomicLong eventsAccepted = new AtomicLong();
  private final AtomicLong eventsPublished = new AtomicLong();
  private final AtomicLong rejectedAccepted = new AtomicLong();
  private final AtomicLong rejectedPublished = new AtomicLong();
  private final AtomicLong eventsSpooled = new AtomicLong();
  private final AtomicLong recordsSpooled = new AtomicLong();
  private final AtomicLong skippedDuplicates = new AtomicLong();
  private final AtomicLong sendFailures = new AtomicLong();
  private final long recovered;

  private KafkaPublisher(
      PublisherConfig config,
      Clock clock,
      AckListener ackListener,
      FailureListener failureListener,
      DiskSpool spool) {
    this.config = config;
    this.clock = clock;
    this.ackListener = ackListener;
    this.failureListener = failureListener;
    this.spool = spool;
    this.recovered = spool.depth();
    this.cursor = spool.head();
    this.state = config.writeAhead() || spool.depth() > 0 ? State.SPOOLING : State.DIRECT;
    this.backoffMillis = initialBackoff();
    this.producer = new KafkaProducer<>(config.producerProperties());
    this.drainer = new Thread(this::drain, "whence-publisher-drainer");
    this.drainer.setDaemon(true);
  }

  /**
   * Opens the spool, creates the producer and starts the drainer. Records a previous process left
   * in the spool are sent before any new one.
   *
   * @param config producer and spool settings
   * @param clock time source (rejection timestamps, backoff, spool sync interval)
   * @param ackListener told how far Kafka has acknowledged, in input order
   * @param failureListener told once when a non-retriable failure stops the publisher
   * @throws IOException when the spool cannot be opened (for example, used by another process)
   */
  public static KafkaPublisher start(
      PublisherConfig config, Clock clock, AckListener ackListener, FailureListener failureListener)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ackListener, "ackListener");
    Objects.requireNonNull(failureListener, "failureListener");
    DiskSpool spool =
        DiskSpool.open(
            config.spoolDir(),
            config.spoolMaxBytes(),
            config.spoolSegmentBytes(),
            config.spoolSync(),
            clock);
    KafkaPublisher publisher;
    try {
      publisher = new KafkaPublisher(config, clock, ackListener, failureListener, spool);
    } catch (RuntimeException e) {
      spool.close();
      throw e;
    }
    if (publisher.recovered > 0) {
      LOG.info(
          "publisher: {} records left in spool {} by a previous run are sent first",
          publisher.recovered,
          config.spoolDir());
    }
    publisher.drainer.start();
    return publisher;
  }

  /** Publishes an event; its position is its input ordinal (1, 2, 3...). */
  @Override
  public void event(Event event) {
    event(event, NO_POSITION);
  }

  /** Publishes a refused input; its position is its input ordinal (1, 2, 3...). */
  @Override
  public void rejected(RejectedInput rejected) {
    rejected(rejected, NO_POSITION);
  }

  /**
   * Publishes an event carrying the source position after which the source may resume once Kafka
   * has acknowledged it. Blocks while the spool is full.
   *
   * @throws PublisherFailedException after a non-retriable failure
   * @throws IllegalStateException after {@link #close}
   * @throws InterruptException when interrupted while waiting for spool space (not accepted)
   */
  public void event(Event event, long position) {
    Objects.requireNonNull(event, "event");
    byte[] value;
    try {
      value = Topics.EVENTS.value().serializer().serialize(Topics.EVENTS.name(), event);
    } catch (SerializationException | NullPointerException e) {
      rejected(unencodable(event, e), position);
      return;
    }
    byte[] key = key(event.getHost());
    if (key.length + value.length > config.maxRecordBytes()) {
      rejected(tooLarge(event, value), position);
      return;
    }
    submit(Route.EVENTS, key, value, position);
  }

  /**
   * Publishes a refused input with its source position (see {@link #event(Event, long)}). When the
   * record would exceed {@code maxRecordBytes}, its bytes are cut to the smaller of 64 KiB and half
   * that limit, and {@code truncated} is set.
   *
   * @throws org.apache.kafka.common.errors.SerializationException when the rejection itself cannot
   *     be encoded (a required field is null: a caller bug); nothing was accepted
   */
  public void rejected(RejectedInput rejected, long position) {
    Objects.requireNonNull(rejected, "rejected");
    byte[] key = key(rejected.getHost());
    byte[] value = encodeRejected(rejected);
    if (key.length + value.length > config.maxRecordBytes()) {
      value = encodeRejected(cut(rejected, value.length));
    }
    submit(Route.DLQ, key, value, position);
  }

  /** Sends a heartbeat to {@code whence.status}, best effort (logged, never spooled). */
  @Override
  public void status(CollectorStatus status) {
    if (closing) {
      return;
    }
    try {
      byte[] value = Topics.STATUS.value().serializer().serialize(Topics.STATUS.name(), status);
      producer.send(
          new ProducerRecord<>(Topics.STATUS.name(), key(status.getHost()), value),
          (metadata, e) -> statusOutcome(e));
    } catch (RuntimeException e) {
      statusOutcome(e);
    }
  }

  /** The publisher's state now. */
  public State state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** The failure that stopped the publisher, or null. */
  public PublishFailure failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  /** Counters since start. */
  public PublisherStats stats() {
    return new PublisherStats(
        state(),
        eventsAccepted.get(),
        eventsPublished.get(),
        rejectedAccepted.get(),
        rejectedPublished.get(),
        eventsSpooled.get(),
        recordsSpooled.get(),
        recovered,
        skippedDuplicates.get(),
        sendFailures.get(),
        spool.depth(),
        spool.bytes());
  }

  /**
   * Waits until every input accepted so far is acknowledged by Kafka and the spool is empty.
   *
   * @return whether that happened within the timeout
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long accepted;
      lock.lock();
      try {
        accepted = nextTicket;
      } finally {
        lock.unlock();
      }
      if (ackedTickets >= accepted && spool.depth() == 0) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(10);
    }
  }

  /**
   * Stops accepting input, waits up to {@code closeTimeout} for records in flight, copies the ones
   * still unacknowledged to the spool (the next start sends them), then closes producer and spool.
   */
  @Override
  public void close() throws IOException {
    closing = true;
    lock.lock();
    try {
      if (state == State.CLOSED) {
        return;
      }
      spaceFreed.signalAll();
    } finally {
      lock.unlock();
    }
    inputLock.lock();
    try {
      lock.lock();
      try {
        state = state == State.FAILED ? State.FAILED : State.CLOSED;
      } finally {
        lock.unlock();
      }
      spoolInFlightCount = -1;
      long deadline = System.nanoTime() + config.closeTimeout().toNanos();
      while ((directInFlight() || spoolInFlightCount != 0) && System.nanoTime() - deadline < 0) {
        Thread.sleep(10);
      }
      running = false;
      completions.offer(WAKE);
      drainer.join(config.closeTimeout().toMillis() + 1_000);
      lock.lock();
      try {
        spillLocked();
        spool.sync();
        state = State.CLOSED;
      } finally {
        lock.unlock();
      }
      producer.close(Duration.ZERO);
      processAcksAtClose();
      reportAcks();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      producer.close(Duration.ZERO);
    } finally {
      inputLock.unlock();
      spool.close();
    }
  }

  /** Takes in the acknowledgements that arrived while closing; failures are already spooled. */
  private void processAcksAtClose() {
    Object next;
    while ((next = completions.poll()) != null) {
      if (next instanceof Pending pending && pending.status == ACKED) {
        sequencer.ack(pending.ticket, pending.position);
        published(pending.route);
      } else if (next instanceof InFlight flight && flight.status == ACKED) {
        if (flight.envelope.run() == run) {
          sequencer.ack(flight.envelope.ticket(), flight.envelope.position());
        }
        published(flight.envelope.route());
      }
    }
    advanceSpoolHead();
  }

  private boolean directInFlight() {
    return direct.values().stream().anyMatch(p -> p.status == IN_FLIGHT);
  }

  private void submit(Route route, byte[] key, byte[] value, long position) {
    inputLock.lock();
    lock.lock();
    try {
      while (true) {
        ensureUsable();
        if (state == State.DIRECT && failureSeen) {
          enterSpoolingLocked("a send failed");
        }
        long ticket = nextTicket;
        long pos = position == NO_POSITION ? ticket + 1 : position;
        if (state == State.DIRECT) {
          Pending pending = new Pending(ticket, pos, route, key, value);
          direct.put(ticket, pending);
          try {
            producer.send(new ProducerRecord<>(topic(route), key, value), pending);
            nextTicket++;
            accepted(route);
            return;
          } catch (RuntimeException e) {
            direct.remove(ticket);
            boolean interrupted = e instanceof InterruptException && Thread.interrupted();
            FailureKind kind = FailureKind.of(e);
            if (kind.retriable()) {
              sendFailures.incrementAndGet();
              enterSpoolingLocked(e.toString());
              if (interrupted) {
                Thread.currentThread().interrupt();
              }
              continue;
            }
            nextTicket++;
            accepted(route);
            PublishFailure f =
                new PublishFailure(kind, topic(route), "send refused: " + e.getMessage(), e);
            failLocked(f, pending);
            throw new PublisherFailedException(f);
          }
        }
        spillLocked();
        byte[] envelope = new SpoolEnvelope(route, run, ticket, pos, value).encode();
        if (spool.offer(key, envelope)) {
          nextTicket++;
          accepted(route);
          spooled(route);
          wakeDrainer();
          return;
        }
        try {
          spaceFreed.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          throw new InterruptException("interrupted while waiting for spool space", e);
        }
      }
    } finally {
      lock.unlock();
      inputLock.unlock();
    }
  }

  /** Wakes the drainer for new spool records, once until it has looked at the spool again. */
  private void wakeDrainer() {
    if (!wakePending.get() && !wakePending.getAndSet(true)) {
      completions.offer(WAKE);
    }
  }

  private void ensureUsable() {
    if (state == State.FAILED) {
      throw new PublisherFailedException(failure);
    }
    if (state == State.CLOSED || closing) {
      throw new IllegalStateException("publisher is closed; input not accepted");
    }
  }

  private void enterSpoolingLocked(String cause) {
    failureSeen = false;
    if (state == State.DIRECT) {
      state = State.SPOOLING;
      LOG.warn(
          "Kafka unreachable ({}): spooling records to {} until it answers again",
          cause,
          config.spoolDir());
    }
    spillLocked();
    completions.offer(WAKE);
  }

  /** Copies the records the producer still holds to the spool, in input order. */
  private void spillLocked() {
    for (Pending pending : direct.values()) {
      direct.remove(pending.ticket);
      if (pending.status == ACKED) {
        continue;
      }
      spilled.put(pending.ticket, pending);
      spool.appendBeyondBound(
          pending.key,
          new SpoolEnvelope(pending.route, run, pending.ticket, pending.position, pending.value)
              .encode());
      spooled(pending.route);
    }
  }

  private void failLocked(PublishFailure f, Pending extra) {
    if (state == State.FAILED) {
      return;
    }
    if (extra != null) {
      direct.put(extra.ticket, extra);
    }
    spillLocked();
    spool.sync();
    state = State.FAILED;
    failure = f;
    spaceFreed.signalAll();
    LOG.error(
        "publisher stopped by a {} failure on {}: {}; {} unacknowledged records are kept in {} for"
            + " the next start",
        f.kind(),
        f.topic(),
        f.message(),
        spool.depth(),
        config.spoolDir());
    completions.offer(WAKE);
  }

  private void drain() {
    while (running) {
      try {
        Object first = completions.poll(50, TimeUnit.MILLISECONDS);
        if (first != null) {
          LockSupport.parkNanos(BATCH_PAUSE_NANOS);
          process(first);
        }
        processCompletions();
        if (failureSeen) {
          lock.lock();
          try {
            if (state == State.DIRECT || state == State.SPOOLING) {
              enterSpoolingLocked("a send failed");
            }
          } finally {
            lock.unlock();
          }
        }
        rewindAfterFailure();
        wakePending.set(false);
        if (!closing && state() == State.SPOOLING) {
          pump();
          resumeDirectWhenCaughtUp();
        }
        advanceSpoolHead();
        spool.syncIfDue();
        reportAcks();
        reportFailure();
        if (closing) {
          spoolInFlightCount =
              (int) spoolInFlight.stream().filter(f -> f.status == IN_FLIGHT).count();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("publisher drainer: unexpected error, retrying in 1 s", e);
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void processCompletions() {
    Object next;
    while ((next = completions.poll()) != null) {
      process(next);
    }
  }

  private void process(Object completion) {
    if (completion instanceof Pending pending) {
      if (pending.status == ACKED) {
        direct.remove(pending.ticket);
        sequencer.ack(pending.ticket, pending.position);
        published(pending.route);
        succeeded();
      } else {
        failed(pending.error, topic(pending.route));
      }
    } else if (completion instanceof InFlight flight) {
      if (flight.status == ACKED) {
        if (flight.envelope.run() == run) {
          sequencer.ack(flight.envelope.ticket(), flight.envelope.position());
        }
        published(flight.envelope.route());
        succeeded();
      } else {
        spoolFailed = true;
        failed(flight.error, topic(flight.envelope.route()));
      }
    }
  }

  private void succeeded() {
    healthy = true;
    backoffMillis = initialBackoff();
  }

  private void failed(Exception error, String topic) {
    FailureKind kind = FailureKind.of(error);
    if (kind.retriable()) {
      sendFailures.incrementAndGet();
      return;
    }
    lock.lock();
    try {
      failLocked(new PublishFailure(kind, topic, String.valueOf(error), error), null);
    } finally {
      lock.unlock();
    }
  }

  private void rewindAfterFailure() {
    if (!spoolFailed) {
      return;
    }
    for (InFlight flight : spoolInFlight) {
      if (flight.status == IN_FLIGHT) {
        return;
      }
    }
    for (InFlight flight : spoolInFlight) {
      if (flight.status == ACKED) {
        doneAhead.add(flight.spoolPosition);
      }
    }
    advanceSpoolHead();
    spoolInFlight.clear();
    cursor = spool.head();
    spoolFailed = false;
    healthy = false;
    backoffUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
    LOG.info(
        "publisher: resending spool from position {} in {} ms (broker unreachable)",
        cursor,
        backoffMillis);
    backoffMillis = Math.min(backoffMillis * 2, config.retryBackoffMax().toMillis());
  }

  private void pump() {
    if (spoolFailed || System.nanoTime() - backoffUntilNanos < 0) {
      return;
    }
    int window = healthy ? config.drainWindow() : 1;
    while (spoolInFlight.size() < window) {
      List<SpoolRecord> batch =
          spool.read(cursor, Math.min(1_000, window - spoolInFlight.size()), 8L << 20);
      if (batch.isEmpty()) {
        return;
      }
      for (SpoolRecord record : batch) {
        if (!sendSpooled(record)) {
          return;
        }
      }
    }
  }

  /** Sends one spooled record; false when the drainer must stop here for now. */
  private boolean sendSpooled(SpoolRecord record) {
    SpoolEnvelope envelope;
    try {
      envelope = SpoolEnvelope.decode(record.value());
    } catch (IllegalArgumentException e) {
      LOG.error(
          "spool record at position {} is not a publisher record ({}); it cannot be sent and is"
              + " skipped",
          record.position(),
          e.getMessage());
      spoolInFlight.add(doneFlight(record.position(), null));
      cursor = record.position() + 1;
      return true;
    }
    if (envelope.run() == run) {
      Pending original = spilled.get(envelope.ticket());
      if (original != null) {
        if (original.status == IN_FLIGHT) {
          return false;
        }
        spilled.remove(envelope.ticket());
        if (original.status == ACKED) {
          skippedDuplicates.incrementAndGet();
          spoolInFlight.add(doneFlight(record.position(), envelope));
          cursor = record.position() + 1;
          return true;
        }
      }
    }
    if (doneAhead.remove(record.position())) {
      spoolInFlight.add(doneFlight(record.position(), envelope));
      cursor = record.position() + 1;
      return true;
    }
    InFlight flight = new InFlight(record.position(), envelope);
    spoolInFlight.add(flight);
    cursor = record.position() + 1;
    try {
      producer.send(
          new ProducerRecord<>(topic(envelope.route()), record.key(), envelope.value()), flight);
      if (flight.status == FAILED) {
        spoolFailed = true;
        return false;
      }
      return true;
    } catch (RuntimeException e) {
      flight.error = e;
      flight.status = FAILED;
      spoolFailed = true;
      failed(e, topic(envelope.route()));
      return false;
    }
  }

  /** An entry for a spooled record that needs no send: it only moves the spool's head. */
  private InFlight doneFlight(long spoolPosition, SpoolEnvelope envelope) {
    InFlight flight = new InFlight(spoolPosition, envelope);
    flight.status = ACKED;
    return flight;
  }

  private void advanceSpoolHead() {
    long last = -1;
    while (!spoolInFlight.isEmpty() && spoolInFlight.peekFirst().status == ACKED) {
      last = spoolInFlight.pollFirst().spoolPosition;
    }
    if (last >= 0) {
      spool.ack(last);
      lock.lock();
      try {
        spaceFreed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void resumeDirectWhenCaughtUp() {
    if (config.writeAhead() || failureSeen || spoolFailed || !healthy || !spilled.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      if (state == State.SPOOLING && !failureSeen && cursor >= spool.tail()) {
        state = State.DIRECT;
        LOG.info("Kafka answers again: the spool is resent, publishing directly");
      }
    } finally {
      lock.unlock();
    }
  }

  private void reportAcks() {
    if (!sequencer.takeAdvanced()) {
      return;
    }
    ackedTickets = sequencer.next();
    try {
      ackListener.acknowledged(sequencer.position());
    } catch (RuntimeException e) {
      LOG.warn("ack listener failed at position {}: {}", sequencer.position(), e.toString(), e);
    }
  }

  private void reportFailure() {
    if (failureReported) {
      return;
    }
    PublishFailure f = failure();
    if (f == null) {
      return;
    }
    failureReported = true;
    try {
      failureListener.failed(f);
    } catch (RuntimeException e) {
      LOG.warn("failure listener failed: {}", e.toString(), e);
    }
  }

  private void statusOutcome(Exception e) {
    if (e == null) {
      statusFailing = false;
    } else if (!statusFailing) {
      statusFailing = true;
      LOG.warn("status heartbeat not delivered ({}); later ones will follow", e.toString());
    }
  }

  private long initialBackoff() {
    return Math.min(250, config.retryBackoffMax().toMillis());
  }

  private void accepted(Route route) {
    (route == Route.EVENTS ? eventsAccepted : rejectedAccepted).incrementAndGet();
  }

  private void spooled(Route route) {
    recordsSpooled.incrementAndGet();
    if (route == Route.EVENTS) {
      eventsSpooled.incrementAndGet();
    }
  }

  private void published(Route route) {
    (route == Route.EVENTS ? eventsPublished : rejectedPublished).incrementAndGet();
  }

  private static String topic(Route route) {
    return route == Route.EVENTS ? Topics.EVENTS.name() : Topics.EVENTS_DLQ.name();
  }

  private static byte[] key(String host) {
    return (host == null ? "unknown" : host).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] encodeRejected(RejectedInput rejected) {
    return Topics.EVENTS_DLQ.value().serializer().serialize(Topics.EVENTS_DLQ.name(), rejected);
  }

  private RejectedInput unencodable(Event event, RuntimeException e) {
    byte[] text = String.valueOf(event).getBytes(StandardCharsets.UTF_8);
    boolean truncated = text.length > cutBytes();
    return RejectedInput.newBuilder()
        .setHost(event.getHost() != null ? event.getHost() : "unknown")
        .setSource(event.getSource() != null ? event.getSource() : SourceKind.UNKNOWN)
        .setStage("publish")
        .setReasonCode("UNENCODABLE_EVENT")
        .setReason("the event cannot be encoded as Avro: " + e.getMessage())
        .setOrigin(event.getId() != null ? "event " + event.getId() : null)
        .setReceivedNanos(nowNanos())
        .setBytes(ByteBuffer.wrap(truncated ? Arrays.copyOf(text, cutBytes()) : text))
        .setTruncated(truncated)
        .build();
  }

  private RejectedInput tooLarge(Event event, byte[] encoded) {
    return RejectedInput.newBuilder()
        .setHost(event.getHost())
        .setSource(event.getSource())
        .setStage("publish")
        .setReasonCode("RECORD_TOO_LARGE")
        .setReason(
            "the encoded event is "
                + encoded.length
                + " bytes, above the publisher's limit of "
                + config.maxRecordBytes()
                + "; bytes holds the start of its Avro single-object encoding")
        .setOrigin("event " + event.getId())
        .setReceivedNanos(nowNanos())
        .setBytes(ByteBuffer.wrap(Arrays.copyOf(encoded, Math.min(encoded.length, cutBytes()))))
        .setTruncated(true)
        .build();
  }

  private RejectedInput cut(RejectedInput rejected, int encodedLength) {
    ByteBuffer bytes = rejected.getBytes().duplicate();
    byte[] head = new byte[Math.min(bytes.remaining(), cutBytes())];
    bytes.get(head);
    String reason = rejected.getReason();
    if (reason.length() > 1024) {
      reason = reason.substring(0, 1024) + "...";
    }
    return RejectedInput.newBuilder(rejected)
        .setReason(
            reason
                + " (record of "
                + encodedLength
                + " bytes too large for Kafka: bytes cut to "
                + head.length
                + ")")
        .setBytes(ByteBuffer.wrap(head))
        .setTruncated(true)
        .build();
  }

  /** How many input bytes a rejection keeps when its record must be cut. */
  private int cutBytes() {
    return Math.min(DLQ_BYTES_WHEN_CUT, config.maxRecordBytes() / 2);
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** A record handed to the producer directly. */
  private final class Pending implements Callback {
    final long ticket;
    final long position;
    final Route route;
    final byte[] key;
    final byte[] value;
    volatile int status = IN_FLIGHT;
    volatile Exception error;

    Pending(long ticket, long position, Route route, byte[] key, byte[] value) {
      this.ticket = ticket;
      this.position = position;
      this.route = route;
      this.key = key;
      this.value = value;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      error = exception;
      status = exception == null ? ACKED : FAILED;
      if (exception != null && FailureKind.of(exception).retriable()) {
        failureSeen = true;
      }
      completions.offer(this);
    }
  }

  /** A spooled record handed to the producer by the drainer. */
  private final class InFlight implements Callback {
    final long spoolPosition;
    final SpoolEnvelope envelope;
    volatile int status = IN_FLIGHT;
    volatile Exception error;

    InFlight(long spoolPosition, SpoolEnvelope envelope) {
      this.spoolPosition = spoolPosition;
      this.envelope = envelope;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      error = exception;
      status = exception == null ? ACKED : FAILED;
      if (exception != null && FailureKind.of(exception).retriable()) {
        failureSeen = true;
      }
      completions.offer(this);
    }
  }
}
