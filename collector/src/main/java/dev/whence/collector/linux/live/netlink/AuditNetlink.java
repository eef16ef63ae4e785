package dev.whence.collector.linux.live.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A NETLINK_AUDIT socket: requests with acknowledgement (AUDIT_GET, AUDIT_SET, rule changes and
 * listing) and, once registered as the audit daemon, the kernel's records. Not thread-safe: use one
 * instance per thread (requests on one, records on another is fine with two instances).
 */
public final class AuditNetlink implements AutoCloseable {

  public static final int AUDIT_GET = 1000;
  public static final int AUDIT_SET = 1001;
  public static final int AUDIT_ADD_RULE = 1011;
  public static final int AUDIT_DEL_RULE = 1012;
  public static final int AUDIT_LIST_RULES = 1013;

  /** Largest record the kernel sends (MAX_AUDIT_MESSAGE_LENGTH) plus a header. */
  public static final int RECEIVE_BUFFER = 8970 + NetlinkMessage.HEADER_LENGTH;

  /** Most datagrams one {@link #receiveBatch()} returns. */
  public static final int BATCH = 64;

  private static final int SOCKADDR_NL_LENGTH = 12;
  private static final int SLOT = (RECEIVE_BUFFER + 15) & ~15;
  private static final int MMSGHDR = 64;
  private static final int MSG_NAMELEN = 8;
  private static final int MSG_IOV = 16;
  private static final int MSG_IOVLEN = 24;
  private static final int MSG_FLAGS = 48;
  private static final int MSG_LEN = 56;
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);

  private final LibC libc;
  private final int fd;
  private final int portId;
  private final Memory receiveBuffer = new Memory(RECEIVE_BUFFER);
  private final byte[] receiveCopy = new byte[RECEIVE_BUFFER];
  private final ArrayDeque<byte[]> pendingRecords = new ArrayDeque<>();
  private Duration receiveTimeout = Duration.ZERO;
  private BatchArea batchArea;
  private int sequence;
  private boolean closed;

  private AuditNetlink(LibC libc, int fd, int portId) {
    this.libc = libc;
    this.fd = fd;
    this.portId = portId;
  }

  /**
   * Opens and binds a socket.
   *
   * @throws AuditNetlinkException NO_KERNEL_AUDIT when the kernel lacks audit, NOT_PERMITTED when
   *     the process may not open it
   */
  public static AuditNetlink open() throws AuditNetlinkException {
    LibC libc;
    try {
      libc = LibC.INSTANCE;
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new AuditNetlinkException(
          "cannot load libc through JNA: " + e.getMessage(), 0, AuditNetlinkException.Kind.OTHER);
    }
    int fd;
    try {
      fd = libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_AUDIT);
    } catch (LastErrorException e) {
      throw AuditNetlinkException.of("opening the audit netlink socket", e.getErrorCode());
    }
    try {
      libc.bind(fd, sockaddr(0), SOCKADDR_NL_LENGTH);
      byte[] bound = new byte[SOCKADDR_NL_LENGTH];
      IntByReference length = new IntByReference(SOCKADDR_NL_LENGTH);
      libc.getsockname(fd, bound, length);
      int port = ByteBuffer.wrap(bound).order(ByteOrder.nativeOrder()).getInt(4);
      return new AuditNetlink(libc, fd, port);
    } catch (LastErrorException e) {
      libc.close(fd);
      throw AuditNetlinkException.of("binding the audit netlink socket", e.getErrorCode());
    }
  }

  /** This process's id, as the kernel must see it in AUDIT_SET pid. */
  public int processId() {
    return libc.getpid();
  }

  /** The port id the kernel assigned to this socket. */
  public int portId() {
    return portId;
  }

  /** AUDIT_GET: the kernel's audit status. */
  public AuditStatus status() throws AuditNetlinkException {
    int seq = send(AUDIT_GET, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, new byte[0]);
    AuditStatus status = null;
    boolean acked = false;
    long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
    while (status == null || !acked) {
      NetlinkMessage reply = awaitReply(seq, deadline, "AUDIT_GET");
      if (reply.type() == NetlinkMessage.NLMSG_ERROR) {
        int error = reply.errorCode();
        if (error != 0) {
          throw AuditNetlinkException.of("AUDIT_GET", -error);
        }
        acked = true;
      } else if (reply.type() == AUDIT_GET) {
        status = AuditStatus.decode(reply.payload());
      }
    }
    return status;
  }

  /** AUDIT_SET with the fields selected by {@code status.mask()}, waiting for the ack. */
  public void set(AuditStatus status) throws AuditNetlinkException {
    request(
        AUDIT_SET, status.encode(), "AUDIT_SET (mask 0x" + Long.toHexString(status.mask()) + ")");
  }

  /** AUDIT_ADD_RULE with an encoded {@code struct audit_rule_data}. */
  public void addRule(byte[] ruleData) throws AuditNetlinkException {
    request(AUDIT_ADD_RULE, ruleData, "AUDIT_ADD_RULE");
  }

  /** AUDIT_DEL_RULE with an encoded {@code struct audit_rule_data}, as listed or as added. */
  public void deleteRule(byte[] ruleData) throws AuditNetlinkException {
    request(AUDIT_DEL_RULE, ruleData, "AUDIT_DEL_RULE");
  }

  /** AUDIT_LIST_RULES: every rule in the kernel, each as its {@code struct audit_rule_data}. */
  public List<byte[]> listRules() throws AuditNetlinkException {
    int seq =
        send(
            AUDIT_LIST_RULES, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, new byte[0]);
    List<byte[]> rules = new ArrayList<>();
    long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
    while (true) {
      NetlinkMessage reply = awaitReply(seq, deadline, "AUDIT_LIST_RULES");
      switch (reply.type()) {
        case AUDIT_LIST_RULES -> rules.add(reply.payload());
        case NetlinkMessage.NLMSG_DONE -> {
          return rules;
        }
        case NetlinkMessage.NLMSG_ERROR -> {
          if (reply.errorCode() != 0) {
            throw AuditNetlinkException.of("AUDIT_LIST_RULES", -reply.errorCode());
          }
        }
        default -> {}
      }
    }
  }

  /**
   * Sends a user-space audit message of {@code type} (1100 to 1199, e.g. 1121 AUDIT_TRUSTED_APP)
   * and waits for the ack. The kernel logs it, when audit is enabled, as a record with a serial of
   * its own: {@code pid=SENDER uid=... msg='TEXT'}. Needs CAP_AUDIT_WRITE.
   */
  public void userMessage(int type, String text) throws AuditNetlinkException {
    if (type < 1100 || type > 1199) {
      throw new IllegalArgumentException("not a user message type: " + type);
    }
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    request(type, java.util.Arrays.copyOf(bytes, bytes.length + 1), "audit user message " + type);
  }

  /**
   * Sets the socket's receive buffer (SO_RCVBUFFORCE, which root may raise beyond rmem_max; the
   * kernel doubles the value for its bookkeeping). A larger buffer absorbs longer stalls of the
   * reader before the kernel has to queue, and eventually drop, records.
   */
  public void receiveBufferSize(int bytes) throws AuditNetlinkException {
    byte[] value = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(bytes).array();
    try {
      libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, value, 4);
    } catch (LastErrorException e) {
      try {
        libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, value, 4);
      } catch (LastErrorException again) {
        throw AuditNetlinkException.of("setsockopt(SO_RCVBUF)", again.getErrorCode());
      }
    }
  }

  /** Sets how long {@link #receive()} waits for a message; zero waits forever. */
  public void receiveTimeout(Duration timeout) throws AuditNetlinkException {
    ByteBuffer tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
    tv.putLong(timeout.toSeconds()).putLong(timeout.toNanosPart() / 1000);
    try {
      libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv.array(), 16);
    } catch (LastErrorException e) {
      throw AuditNetlinkException.of("setsockopt(SO_RCVTIMEO)", e.getErrorCode());
    }
    receiveTimeout = timeout;
  }

  /**
   * Receives the next message from the kernel, or empty when the receive timeout passed first.
   *
   * @throws AuditNetlinkException with errno ENOBUFS when the socket's buffer overflowed
   */
  public Optional<NetlinkMessage> receive() throws AuditNetlinkException {
    int length = receiveRaw();
    if (length < 0) {
      return Optional.empty();
    }
    return Optional.of(NetlinkMessage.decode(receiveCopy, length));
  }

  /**
   * Receives one datagram into {@link #lastDatagram()} without allocating, returning its length or
   * -1 on timeout.
   */
  public int receiveRaw() throws AuditNetlinkException {
    byte[] pending = pendingRecords.poll();
    if (pending != null) {
      System.arraycopy(pending, 0, receiveCopy, 0, pending.length);
      return pending.length;
    }
    return receiveFromSocket();
  }

  private int receiveFromSocket() throws AuditNetlinkException {
    while (true) {
      try {
        byte[] from = new byte[SOCKADDR_NL_LENGTH];
        IntByReference fromLength = new IntByReference(SOCKADDR_NL_LENGTH);
        long n = libc.recvfrom(fd, receiveBuffer, RECEIVE_BUFFER, 0, from, fromLength);
        int senderPort = ByteBuffer.wrap(from).order(ByteOrder.nativeOrder()).getInt(4);
        if (senderPort != 0) {
          continue;
        }
        receiveBuffer.read(0, receiveCopy, 0, (int) n);
        return (int) n;
      } catch (LastErrorException e) {
        if (e.getErrorCode() == Errno.EINTR) {
          continue;
        }
        if (e.getErrorCode() == Errno.EAGAIN) {
          return -1;
        }
        throw AuditNetlinkException.of("recvfrom on the audit netlink socket", e.getErrorCode());
      }
    }
  }

  /** Receives the datagrams of {@link #receiveBatch}. */
  @FunctionalInterface
  public interface DatagramSink {
    /**
     * One datagram, netlink header first: {@code length} bytes of {@code buffer} from absolute
     * index {@code offset}; valid only during the call.
     */
    void datagram(ByteBuffer buffer, int offset, int length) throws InterruptedException;
  }

  /**
   * Receives up to {@link #BATCH} datagrams with one recvmmsg call, waiting up to the receive
   * timeout for the first and taking whatever else is already queued, and hands each to {@code
   * sink} without allocating. Datagrams not sent by the kernel (port id 0) are skipped. Returns how
   * many datagrams were received, or -1 when the timeout passed first.
   *
   * @throws AuditNetlinkException with errno ENOBUFS when the socket's buffer overflowed
   */
  public int receiveBatch(DatagramSink sink) throws AuditNetlinkException, InterruptedException {
    if (!pendingRecords.isEmpty()) {
      int n = 0;
      for (byte[] held = pendingRecords.poll(); held != null; held = pendingRecords.poll()) {
        sink.datagram(ByteBuffer.wrap(held), 0, held.length);
        n++;
      }
      return n;
    }
    ensureOpen();
    if (batchArea == null) {
      batchArea = new BatchArea();
    }
    while (true) {
      int n;
      try {
        n =
            DirectLibC.recvmmsg(
                fd, batchArea.headers, BATCH, LibC.MSG_WAITFORONE, com.sun.jna.Pointer.NULL);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == Errno.EINTR) {
          continue;
        }
        if (e.getErrorCode() == Errno.EAGAIN) {
          return -1;
        }
        throw AuditNetlinkException.of("recvmmsg on the audit netlink socket", e.getErrorCode());
      }
      return batchArea.handOver(n, sink);
    }
  }

  /** The native recvmmsg vectors: BATCH headers, iovecs, sender addresses and data slots. */
  private static final class BatchArea {
    final Memory headers = new Memory((long) BATCH * MMSGHDR);
    final Memory iovecs = new Memory(BATCH * 16L);
    final Memory names = new Memory(BATCH * 16L);
    final Memory slots = new Memory((long) BATCH * SLOT);
    final ByteBuffer headerView;
    final ByteBuffer nameView;
    final ByteBuffer slotView;

    BatchArea() {
      headers.clear();
      names.clear();
      for (int i = 0; i < BATCH; i++) {
        iovecs.setPointer(i * 16L, slots.share((long) i * SLOT));
        iovecs.setLong(i * 16L + 8, RECEIVE_BUFFER);
        long h = (long) i * MMSGHDR;
        headers.setPointer(h, names.share(i * 16L));
        headers.setPointer(h + MSG_IOV, iovecs.share(i * 16L));
        headers.setLong(h + MSG_IOVLEN, 1);
        headers.setInt(h + MSG_NAMELEN, SOCKADDR_NL_LENGTH);
      }
      headerView = headers.getByteBuffer(0, headers.size()).order(ByteOrder.nativeOrder());
      nameView = names.getByteBuffer(0, names.size()).order(ByteOrder.nativeOrder());
      slotView = slots.getByteBuffer(0, slots.size()).order(ByteOrder.nativeOrder());
    }

    int handOver(int n, DatagramSink sink) throws InterruptedException {
      for (int i = 0; i < n; i++) {
        int h = i * MMSGHDR;
        int length = Math.min(headerView.getInt(h + MSG_LEN), RECEIVE_BUFFER);
        boolean fromKernel = nameView.getInt(i * 16 + 4) == 0;
        headerView.putInt(h + MSG_NAMELEN, SOCKADDR_NL_LENGTH);
        if (fromKernel && length > 0) {
          sink.datagram(slotView, i * SLOT, length);
        }
      }
      return n;
    }
  }

  /** The buffer {@link #receiveRaw()} fills; valid until the next receive. */
  public byte[] lastDatagram() {
    return receiveCopy;
  }

  private void request(int type, byte[] payload, String what) throws AuditNetlinkException {
    int seq = send(type, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, payload);
    long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
    while (true) {
      NetlinkMessage reply = awaitReply(seq, deadline, what);
      if (reply.type() == NetlinkMessage.NLMSG_ERROR) {
        int error = reply.errorCode();
        if (error != 0) {
          throw AuditNetlinkException.of(what, -error);
        }
        return;
      }
    }
  }

  private int send(int type, int flags, byte[] payload) throws AuditNetlinkException {
    ensureOpen();
    int seq = ++sequence;
    byte[] bytes = new NetlinkMessage(type, flags, seq, 0, payload).encode();
    try {
      libc.sendto(fd, bytes, bytes.length, 0, sockaddr(0), SOCKADDR_NL_LENGTH);
    } catch (LastErrorException e) {
      throw AuditNetlinkException.of("sending audit message type " + type, e.getErrorCode());
    }
    return seq;
  }

  private NetlinkMessage awaitReply(int seq, long deadlineNanos, String what)
      throws AuditNetlinkException {
    Duration saved = receiveTimeout;
    if (saved.isZero() || saved.compareTo(Duration.ofMillis(200)) > 0) {
      receiveTimeout(Duration.ofMillis(200));
    }
    try {
      while (System.nanoTime() < deadlineNanos) {
        int length = receiveFromSocket();
        if (length < 0) {
          continue;
        }
        NetlinkMessage message = NetlinkMessage.decode(receiveCopy, length);
        if (message.sequence() == seq) {
          return message;
        }
        if (AuditRecordTypes.isRecord(message.type())) {
          pendingRecords.add(java.util.Arrays.copyOf(receiveCopy, length));
        }
      }
      throw new AuditNetlinkException(
          what + ": no reply from the kernel within " + REPLY_TIMEOUT.toSeconds() + " s",
          0,
          AuditNetlinkException.Kind.OTHER);
    } finally {
      if (!saved.equals(receiveTimeout)) {
        receiveTimeout(saved);
      }
    }
  }

  private void ensureOpen() throws AuditNetlinkException {
    if (closed) {
      throw new AuditNetlinkException(
          "audit netlink socket is closed", 0, AuditNetlinkException.Kind.OTHER);
    }
  }

  private static byte[] sockaddr(int pid) {
    return ByteBuffer.allocate(SOCKADDR_NL_LENGTH)
        .order(ByteOrder.nativeOrder())
        .putShort((short) LibC.AF_NETLINK)
        .putShort((short) 0)
        .putInt(pid)
        .putInt(0)
        .array();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        libc.close(fd);
      } catch (LastErrorException e) {
        // closing a socket we own cannot fail in a way the caller could act upon
      }
    }
  }
}
