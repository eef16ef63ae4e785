package dev.whence.collector.linux.live;

import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.Subject;
import dev.whence.collector.linux.live.ListeningSockets.Holder;
import dev.whence.collector.linux.live.ListeningSockets.Listening;
import dev.whence.collector.linux.live.netlink.AuditNetlink;
import dev.whence.collector.linux.live.netlink.AuditNetlinkException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Seeds the graph with the TCP sockets that were already listening when the collector started: a
 * service that bound before made no audited bind, so the graph could not tell which endpoint its
 * later accepts belong to, nor stitch them to the connecting side.
 *
 * <p>How: for each socket and each descriptor that holds it ({@link ListeningSockets}) the
 * collector sends the kernel a user-space audit message, type AUDIT_TRUSTED_APP (1121), {@code
 * op=whence-seed-listen sock_pid=P sock_fd=F family=inet laddr=A lport=N inode=I sock_uid=U}. The
 * kernel stamps it with a serial of its own and the sender's pid, so it travels the normal path
 * (completeness, event id, de-duplication, spool) and comes back like any record; {@link #rewrite}
 * then turns its event into a BIND by process P of descriptor F, with the origin marked in the raw
 * map ({@value #ORIGIN_KEY}={@value #ORIGIN}) and the action {@value #OP}.
 *
 * <p>Trust: any root process may send such a message, so only events whose kernel-written {@code
 * pid=} is this collector's are rewritten; others stay what the normalizer made of them. The text
 * holds only numbers and addresses formatted here, never a name taken from a process. Audit must be
 * enabled (the kernel drops user messages otherwise), and a user-filter rule that excludes
 * TRUSTED_APP drops the seeds.
 */
public final class ListeningSocketSeeds {

  /** AUDIT_TRUSTED_APP. */
  public static final int AUDIT_TRUSTED_APP = 1121;

  /** The {@code op=} of a seed message and the action of a rewritten event. */
  public static final String OP = "whence-seed-listen";

  /** Raw-map key marking a seeded event. */
  public static final String ORIGIN_KEY = "WHENCE.origin";

  /** Value of {@link #ORIGIN_KEY}. */
  public static final String ORIGIN = "listening-socket-seed";

  /** Most messages one start sends. */
  public static final int MAX_MESSAGES = 4096;

  private static final String TYPE = "TRUSTED_APP";
  private static final Pattern ADDRESS = Pattern.compile("[0-9a-f:.]{2,45}");

  private ListeningSocketSeeds() {}

  /** The message text for one descriptor of one listening socket. */
  public static String message(Listening socket, Holder holder) {
    return "op="
        + OP
        + " sock_pid="
        + holder.pid()
        + " sock_fd="
        + holder.fd()
        + " family="
        + socket.family()
        + " laddr="
        + socket.address()
        + " lport="
        + socket.port()
        + " inode="
        + socket.inode()
        + " sock_uid="
        + socket.uid();
  }

  /** Sends one message per descriptor of each socket (at most {@link #MAX_MESSAGES}). */
  public static int send(List<Listening> sockets) throws AuditNetlinkException {
    int sent = 0;
    try (AuditNetlink netlink = AuditNetlink.open()) {
      for (Listening socket : sockets) {
        for (Holder holder : socket.holders()) {
          if (sent == MAX_MESSAGES) {
            return sent;
          }
          netlink.userMessage(AUDIT_TRUSTED_APP, message(socket, holder));
          sent++;
        }
      }
    }
    return sent;
  }

  /**
   * Turns the event of a seed message sent by process {@code ownPid} into the BIND it stands for;
   * returns false and leaves the event alone when it is not one.
   */
  public static boolean rewrite(Event event, long ownPid) {
    if (event.getAction() == null
        || !TYPE.equals(event.getAction().toString())
        || event.getSubject() == null
        || event.getSubject().getPid() != ownPid) {
      return false;
    }
    Map<String, String> raw = event.getRaw();
    if (!OP.equals(raw.get(TYPE + ".op"))) {
      return false;
    }
    int pid = number(raw.get(TYPE + ".sock_pid"), 1, Integer.MAX_VALUE);
    int fd = number(raw.get(TYPE + ".sock_fd"), 0, Integer.MAX_VALUE);
    int port = number(raw.get(TYPE + ".lport"), 0, 65535);
    String family = raw.get(TYPE + ".family");
    String address = raw.get(TYPE + ".laddr");
    if (pid < 0
        || fd < 0
        || port < 0
        || !("inet".equals(family) || "inet6".equals(family))
        || address == null
        || !ADDRESS.matcher(address).matches()) {
      return false;
    }
    EventObject socket =
        EventObject.newBuilder()
            .setKind(ObjectKind.SOCKET)
            .setFd(fd)
            .setFamily(family)
            .setProtocol("tcp")
            .setLocalAddress(address)
            .setLocalPort(port)
            .setInode(inodeOrNull(raw.get(TYPE + ".inode")))
            .build();
    Map<String, String> marked = new HashMap<>(raw);
    marked.put(ORIGIN_KEY, ORIGIN);
    marked.put("WHENCE.seeded_by_pid", Long.toString(ownPid));
    event.setOperation(Operation.BIND);
    event.setAction(OP);
    event.setSuccess(true);
    event.setReturnValue(null);
    event.setSubject(Subject.newBuilder().setPid(pid).build());
    event.setObject1(socket);
    event.setObject2(null);
    event.setRaw(marked);
    return true;
  }

  private static int number(String text, int min, int max) {
    if (text == null || text.isEmpty() || text.length() > 10) {
      return -1;
    }
    try {
      long v = Long.parseLong(text);
      return v < min || v > max ? -1 : (int) v;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Long inodeOrNull(String text) {
    if (text == null || text.length() > 19) {
      return null;
    }
    try {
      long v = Long.parseLong(text);
      return v > 0 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
