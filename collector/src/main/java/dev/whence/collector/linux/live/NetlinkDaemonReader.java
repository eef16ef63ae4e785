package dev.whence.collector.linux.live;

import dev.whence.collector.linux.live.netlink.AuditNetlink;
import dev.whence.collector.linux.live.netlink.AuditNetlinkException;
import dev.whence.collector.linux.live.netlink.AuditRecordTypes;
import dev.whence.collector.linux.live.netlink.AuditStatus;
import dev.whence.collector.linux.live.netlink.NetlinkMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads kernel audit records as the registered audit daemon (AUDIT_SET pid = this process) and
 * hands each one to an {@link AuditLineHandler} as the line auditd would write in RAW format:
 * {@code [node=NAME ]type=NAME msg=audit(...): ...}.
 *
 * <p>Backpressure: the handler runs on the reading thread, so while it blocks (or while the reader
 * is {@linkplain #pause() paused}) nothing is read; the socket buffer and then the kernel's queue
 * fill, and with a backlog wait time set the kernel makes traced tasks wait.
 *
 * <p>Use: {@link #register()}, then {@link #run()} on a dedicated thread until {@link #stop()};
 * run() unregisters and delivers what was already in the socket before it returns.
 */
public final class NetlinkDaemonReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NetlinkDaemonReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final byte[] MSG = " msg=".getBytes(StandardCharsets.US_ASCII);

  /**
   * Default socket receive buffer, 32 MiB: when the reader stalls and this buffer is full, the
   * kernel retries and then, on a kernel booted without audit=1, discards records without counting
   * them as lost (measured); the serial gaps still show them.
   */
  public static final int DEFAULT_SOCKET_BUFFER = 32 << 20;

  private final int socketBuffer;
  private final AuditLineHandler handler;
  private final SerialGapTracker gaps;
  private final byte[] prefix;
  private final byte[] line = new byte[AuditNetlink.RECEIVE_BUFFER + 512];
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong overruns = new AtomicLong();
  private final ReaderGate gate = new ReaderGate();
  private AuditNetlink socket;
  private boolean registered;

  /**
   * @param handler receives every record line
   * @param gaps told of every serial received (may be null)
   * @param nodeName written as {@code node=NAME } before each line, as auditd's name_format does
   *     (null for none)
   */
  public NetlinkDaemonReader(AuditLineHandler handler, SerialGapTracker gaps, String nodeName) {
    this(handler, gaps, nodeName, DEFAULT_SOCKET_BUFFER);
  }

  /**
   * @param socketBuffer the socket's receive buffer in bytes ({@link #DEFAULT_SOCKET_BUFFER})
   */
  public NetlinkDaemonReader(
      AuditLineHandler handler, SerialGapTracker gaps, String nodeName, int socketBuffer) {
    this.socketBuffer = socketBuffer;
    this.handler = handler;
    this.gaps = gaps;
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

  /** Reads records until {@link #stop()}; then unregisters and drains the socket. */
  public void run() throws AuditNetlinkException, InterruptedException {
    if (!registered) {
      throw new IllegalStateException("register() first");
    }
    while (gate.awaitOpen()) {
      readOne();
    }
    unregister();
    socket.receiveTimeout(Duration.ofMillis(50));
    while (readOne()) {
      // deliver what the kernel sent before it saw the unregistration
    }
  }

  private boolean readOne() throws AuditNetlinkException, InterruptedException {
    int length;
    try {
      length = socket.receiveRaw();
    } catch (AuditNetlinkException e) {
      if (e.errno() == 105) {
        overruns.incrementAndGet();
        LOG.warn("audit netlink socket overrun (ENOBUFS): the kernel keeps the records queued");
        return true;
      }
      throw e;
    }
    if (length < 0) {
      return false;
    }
    deliver(socket.lastDatagram(), length);
    return true;
  }

  /**
   * Formats one datagram as auditd's RAW line and hands it on; returns false when it was not a
   * record. Visible for tests.
   */
  boolean deliver(byte[] datagram, int length) throws InterruptedException {
    if (length < NetlinkMessage.HEADER_LENGTH) {
      return false;
    }
    ByteBuffer header = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
    int type = Short.toUnsignedInt(header.getShort(4));
    if (!AuditRecordTypes.isRecord(type)) {
      return false;
    }
    int start = NetlinkMessage.HEADER_LENGTH;
    int end = length;
    while (end > start && (datagram[end - 1] == 0 || datagram[end - 1] == '\n')) {
      end--;
    }
    int n = 0;
    System.arraycopy(prefix, 0, line, n, prefix.length);
    n += prefix.length;
    byte[] name = ("type=" + AuditRecordTypes.name(type)).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, line, n, name.length);
    n += name.length;
    System.arraycopy(MSG, 0, line, n, MSG.length);
    n += MSG.length;
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

  /** ENOBUFS overruns the socket reported (the kernel kept those records queued). */
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

  /** Unregisters (when run() did not) and closes the socket. */
  @Override
  public void close() {
    stop();
    if (socket != null) {
      unregister();
      socket.close();
    }
  }
}
