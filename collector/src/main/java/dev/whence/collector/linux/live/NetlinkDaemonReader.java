package dev.whence.collector.linux.live;

import dev.whence.collector.linux.live.netlink.AuditNetlink;
import dev.whence.collector.linux.live.netlink.AuditNetlinkException;
import dev.whence.collector.linux.live.netlink.AuditRecordTypes;
import dev.whence.collector.linux.live.netlink.AuditStatus;
import dev.whence.collector.linux.live.netlink.NetlinkMessage;
import dev.whence.collector.linux.live.netlink.ThreadNice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads kernel audit records as the registered audit daemon (AUDIT_SET pid = this process) and
 * hands each one to an {@link AuditLineHandler} as the line auditd would write in RAW format:
 * {@code [node=NAME ]type=NAME msg=audit(...): ...}.
 *
 * <p>Two threads: a drain thread that only moves datagrams from the socket (recvmmsg, up to {@value
 * AuditNetlink#BATCH} at a time, pausing 1 ms after a read that emptied the socket so that reads
 * and hand-overs come in batches) into a bounded in-memory queue, and the thread that called {@link
 * #run()}, which formats each record and calls the handler. The kernel waits at most 100 ms
 * (sk_sndtimeo HZ/10) for room in a full socket buffer; after that the socket is marked congested
 * until it is read empty, and on a kernel booted without audit=1 the records kauditd could not
 * deliver are discarded (only the serials show them). The drain thread keeps the socket empty while
 * the handler is slow or blocked.
 *
 * <p>Backpressure: while the handler blocks (or while the reader is {@linkplain #pause() paused})
 * the queue fills; then, when the reader was made {@link #withSpill}, the overflow goes to a file
 * in order; when there is no room there either the drain thread waits and stops reading (nothing is
 * ever discarded in Java), the socket buffer and then the kernel's queue fill, and with a backlog
 * wait time set the kernel makes traced tasks wait, until its 100 ms send timeout runs out.
 *
 * <p>Use: {@link #register()}, then {@link #run()} on a dedicated thread until {@link #stop()};
 * run() delivers what was queued, unregisters and delivers what was still in the socket before it
 * returns.
 */
public final class NetlinkDaemonReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NetlinkDaemonReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final byte[] MSG = " msg=".getBytes(StandardCharsets.US_ASCII);
  private static final int NAMED_TYPES = 3000;

  /**
   * The drain thread's nice value: it must get the CPU within kauditd's 100 ms even on a loaded
   * host, and it does little work per record.
   */
  private static final int DRAIN_NICE = -10;

  /**
   * How long the drain thread waits after a read that emptied the socket, so that the next read
   * takes a batch: while records arrive one by one, it and the handler would otherwise be woken for
   * each record (a few microseconds of CPU each time). 1 ms is far inside kauditd's 100 ms and the
   * socket buffer's capacity.
   */
  private static final long DRAIN_PAUSE_NANOS = 1_000_000;

  /**
   * Default socket receive buffer, 64 MiB (SO_RCVBUFFORCE; the kernel doubles it: tens of thousands
   * of records): absorbs the drain thread's scheduling delays and GC pauses. Memory is only taken
   * while records wait in it.
   */
  public static final int DEFAULT_SOCKET_BUFFER = 64 << 20;

  /**
   * Default size of the off-heap queue between the drain thread and the handler: 64 MiB, about 200
   * 000 records.
   */
  public static final int DEFAULT_QUEUE_BYTES = 64 << 20;

  /** Default limit of the spill file that takes the overflow of a full queue: 2 GiB. */
  public static final long DEFAULT_SPILL_BYTES = 2L << 30;

  private final int socketBuffer;
  private final AuditLineHandler handler;
  private final SerialGapTracker gaps;
  private final byte[] prefix;
  private final byte[][] linePrefixes = new byte[NAMED_TYPES][];
  private final byte[] line = new byte[AuditNetlink.RECEIVE_BUFFER + 512];
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong overruns = new AtomicLong();
  private final ReaderGate gate = new ReaderGate();
  private final DatagramRing queue;
  private final DatagramSpill spill;
  private final byte[] datagram = new byte[AuditNetlink.RECEIVE_BUFFER];
  private long lostAtClose;
  private volatile boolean draining;
  private volatile Exception drainFailure;
  private Thread drainThread;
  private AuditNetlink socket;
  private boolean registered;

  /**
   * @param handler receives every record line
   * @param gaps told of every serial received (may be null)
   * @param nodeName written as {@code node=NAME } before each line, as auditd's name_format does
   *     (null for none)
   */
  public NetlinkDaemonReader(AuditLineHandler handler, SerialGapTracker gaps, String nodeName) {
    this(handler, gaps, nodeName, DEFAULT_SOCKET_BUFFER, DEFAULT_QUEUE_BYTES);
  }

  /**
   * @param socketBuffer the socket's receive buffer in bytes ({@link #DEFAULT_SOCKET_BUFFER})
   * @param queueBytes bound of the in-memory queue ({@link #DEFAULT_QUEUE_BYTES})
   */
  public NetlinkDaemonReader(
      AuditLineHandler handler,
      SerialGapTracker gaps,
      String nodeName,
      int socketBuffer,
      int queueBytes) {
    this(handler, gaps, nodeName, socketBuffer, queueBytes, null);
  }

  /**
   * A reader whose full queue overflows into {@code spillFile} (created or truncated, deleted on
   * {@link #close()}) up to {@code spillBytes}, instead of making the drain thread stop reading:
   * the kernel does not wait for a reader that stops for more than 100 ms.
   */
  public static NetlinkDaemonReader withSpill(
      AuditLineHandler handler,
      SerialGapTracker gaps,
      String nodeName,
      Path spillFile,
      long spillBytes)
      throws IOException {
    return new NetlinkDaemonReader(
        handler,
        gaps,
        nodeName,
        DEFAULT_SOCKET_BUFFER,
        DEFAULT_QUEUE_BYTES,
        new DatagramSpill(spillFile, spillBytes, AuditNetlink.RECEIVE_BUFFER));
  }

  private NetlinkDaemonReader(
      AuditLineHandler handler,
      SerialGapTracker gaps,
      String nodeName,
      int socketBuffer,
      int queueBytes,
      DatagramSpill spill) {
    this.spill = spill;
    this.socketBuffer = socketBuffer;
    this.handler = handler;
    this.gaps = gaps;
    this.queue = new DatagramRing(queueBytes, AuditNetlink.RECEIVE_BUFFER, spill);
    this.prefix =
        nodeName == null
            ? new byte[0]
            : ("node=" + nodeName + " ").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Opens the socket and registers this process as the audit daemon.
   *
   * @throws AuditNetlinkException DAEMON_EXISTS when auditd or another daemon is registered
   */
  public void register() throws AuditNetlinkException {
    if (socket == null) {
      socket = AuditNetlink.open();
      socket.receiveBufferSize(socketBuffer);
    }
    socket.set(AuditStatus.set(AuditStatus.MASK_PID, 0, socket.processId(), 0, 0));
    registered = true;
    socket.receiveTimeout(POLL);
    LOG.info("registered as the kernel's audit daemon (pid {})", socket.processId());
  }

  /**
   * Reads records until {@link #stop()}; then delivers what was queued, unregisters and delivers
   * what was left in the socket.
   *
   * @throws AuditNetlinkException when the drain thread failed to read the socket
   */
  public void run() throws AuditNetlinkException, InterruptedException {
    if (!registered) {
      throw new IllegalStateException("register() first");
    }
    draining = true;
    Thread drain = new Thread(this::drain, "audit-netlink-drain");
    drain.setDaemon(true);
    drainThread = drain;
    drain.start();
    try {
      while (gate.awaitOpen()) {
        int length = queue.take(datagram, POLL.toMillis());
        if (length >= 0) {
          deliver(datagram, 0, length);
        } else if (!drain.isAlive()) {
          break;
        }
      }
    } finally {
      draining = false;
    }
    while (drain.isAlive()) {
      int length = queue.take(datagram, 50);
      if (length >= 0) {
        deliver(datagram, 0, length);
      }
    }
    for (int length = queue.take(datagram, 0); length >= 0; length = queue.take(datagram, 0)) {
      deliver(datagram, 0, length);
    }
    LOG.info(
        "audit netlink drain: queue high water {} KiB, {} records spilled to disk (high water {}"
            + " KiB), {} waits for room, {} socket overruns",
        queue.highWater() >> 10,
        queue.spilled(),
        queue.spillHighWater() >> 10,
        queue.fullWaits(),
        overruns.get());
    Exception failure = drainFailure;
    if (failure instanceof AuditNetlinkException e) {
      throw e;
    } else if (failure != null) {
      throw new IllegalStateException("the audit netlink drain thread failed", failure);
    }
    unregister();
    socket.receiveTimeout(Duration.ofMillis(50));
    while (receive(this::deliverNow) >= 0) {
      // deliver what the kernel sent before it saw the unregistration
    }
  }

  private void drain() {
    if (!ThreadNice.setCurrent(DRAIN_NICE)) {
      LOG.info("could not raise the audit netlink drain thread's priority (nice {})", DRAIN_NICE);
    }
    try {
      while (draining) {
        int n = receive(this::enqueue);
        if (n > 0 && n < AuditNetlink.BATCH) {
          LockSupport.parkNanos(DRAIN_PAUSE_NANOS);
        }
      }
    } catch (AuditNetlinkException | RuntimeException e) {
      drainFailure = e;
      LOG.error("reading the audit netlink socket failed: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (lostAtClose > 0) {
      LOG.error("{} audit records read from the socket were dropped at close", lostAtClose);
    }
  }

  private void enqueue(ByteBuffer buffer, int offset, int length) throws InterruptedException {
    if (!queue.put(buffer, offset, length)) {
      lostAtClose++;
    }
  }

  private void deliverNow(ByteBuffer buffer, int offset, int length) throws InterruptedException {
    buffer.get(offset, datagram, 0, length);
    deliver(datagram, 0, length);
  }

  private int receive(AuditNetlink.DatagramSink sink)
      throws AuditNetlinkException, InterruptedException {
    try {
      return socket.receiveBatch(sink);
    } catch (AuditNetlinkException e) {
      if (e.errno() == 105) {
        overruns.incrementAndGet();
        LOG.warn(
            "audit netlink socket overrun (ENOBUFS): the kernel could not deliver for 100 ms;"
                + " records it could not requeue are gone (serial gaps will show them)");
        return 0;
      }
      throw e;
    }
  }

  /**
   * Formats one datagram as auditd's RAW line and hands it on; returns false when it was not a
   * record. Visible for tests.
   */
  boolean deliver(byte[] datagram, int length) throws InterruptedException {
    return deliver(datagram, 0, length);
  }

  private boolean deliver(byte[] datagram, int offset, int length) throws InterruptedException {
    if (length < NetlinkMessage.HEADER_LENGTH) {
      return false;
    }
    ByteBuffer header = ByteBuffer.wrap(datagram, offset, length).order(ByteOrder.nativeOrder());
    int type = Short.toUnsignedInt(header.getShort(offset + 4));
    if (!AuditRecordTypes.isRecord(type)) {
      return false;
    }
    int start = offset + NetlinkMessage.HEADER_LENGTH;
    int end = offset + length;
    while (end > start && (datagram[end - 1] == 0 || datagram[end - 1] == '\n')) {
      end--;
    }
    byte[] head = linePrefix(type);
    System.arraycopy(head, 0, line, 0, head.length);
    int n = head.length;
    int payload = Math.min(end - start, line.length - n);
    System.arraycopy(datagram, start, line, n, payload);
    n += payload;
    long serial = AuditSerial.of(line, 0, n);
    received.incrementAndGet();
    if (gaps != null) {
      gaps.observe(serial);
    }
    handler.line(line, 0, n, new SourcePosition.NetlinkPosition(serial));
    return true;
  }

  private byte[] linePrefix(int type) {
    byte[] cached = type < NAMED_TYPES ? linePrefixes[type] : null;
    if (cached != null) {
      return cached;
    }
    byte[] name = ("type=" + AuditRecordTypes.name(type)).getBytes(StandardCharsets.US_ASCII);
    byte[] head = new byte[prefix.length + name.length + MSG.length];
    System.arraycopy(prefix, 0, head, 0, prefix.length);
    System.arraycopy(name, 0, head, prefix.length, name.length);
    System.arraycopy(MSG, 0, head, prefix.length + name.length, MSG.length);
    if (type < NAMED_TYPES) {
      linePrefixes[type] = head;
    }
    return head;
  }

  /** Stops reading until {@link #resume()}; the kernel's queue fills meanwhile. */
  public void pause() {
    gate.pause();
  }

  /** Resumes reading. */
  public void resume() {
    gate.resume();
  }

  /** Asks {@link #run()} to finish. */
  public void stop() {
    gate.stop();
  }

  /** Records handed to the handler so far. */
  public long received() {
    return received.get();
  }

  /**
   * ENOBUFS overruns the socket reported: each one means kauditd waited 100 ms for room in vain; on
   * a kernel booted without audit=1 records it could not requeue are then discarded.
   */
  public long overruns() {
    return overruns.get();
  }

  private void unregister() {
    if (!registered) {
      return;
    }
    try {
      socket.set(AuditStatus.set(AuditStatus.MASK_PID, 0, 0, 0, 0));
      LOG.info("unregistered as the kernel's audit daemon");
    } catch (AuditNetlinkException e) {
      LOG.warn("could not unregister as the audit daemon: {}", e.getMessage());
    }
    registered = false;
  }

  /** The most bytes the in-memory queue held at once. */
  public long queueHighWater() {
    return queue.highWater();
  }

  /** Records that overflowed the in-memory queue into the spill file. */
  public long spilled() {
    return queue.spilled();
  }

  /** How often the drain thread found the queue (and spill) full and stopped reading. */
  public long queueFullWaits() {
    return queue.fullWaits();
  }

  /** Unregisters (when run() did not) and closes the socket. */
  @Override
  public void close() {
    stop();
    draining = false;
    queue.close();
    Thread drain = drainThread;
    if (drain != null) {
      try {
        drain.join(2 * POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (socket != null) {
      unregister();
      socket.close();
    }
    if (spill != null) {
      try {
        spill.close();
      } catch (IOException e) {
        LOG.warn("could not delete the audit spill file: {}", e.getMessage());
      }
    }
  }
}
