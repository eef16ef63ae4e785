package dev.whence.graph.detect;

import dev.whence.graph.build.GraphUpdate;
import dev.whence.graph.build.ProcessView;
import dev.whence.graph.identity.PathNames;
import dev.whence.graph.model.Edge;
import dev.whence.graph.model.Node;
import dev.whence.graph.model.NodeKind;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.SystemEvent;
import java.util.ArrayList;
import java.util.List;

/** What detection needs to know about one applied event, computed once per event. */
final class EventView {
  static final int MAX_CMDLINE = 4096;
  static final int MAX_ARGS = 64;
  static final int MAX_PATH = 16_384;
  private static final long ACCESS_MODE = 3;
  private static final int READS = 1;
  private static final int WRITES = 2;

  final SystemEvent event;
  final GraphUpdate update;
  final ProcessView subject;
  final Operation operation;
  final boolean success;
  final List<String> paths;
  final ObjectKind objectKind;
  final Integer remotePort;
  final Integer localPort;
  final Integer newFd;
  final Integer targetPid;
  final boolean reads;
  final boolean writes;
  private String cmdline;
  private AddressClass addressClass;
  private boolean addressClassKnown;
  private ChainStep chainStep;
  private int chainStepAncestors;

  /** Nodes at the other end of the event's edges, each once, in edge order. */
  final List<String> objectNodes;

  /** Nodes the event's information flows into, each once, in edge order, then the subject. */
  final List<String> flowTargets;

  EventView(SystemEvent event, GraphUpdate update) {
    this.event = event;
    this.update = update;
    this.subject = update.subject();
    this.operation = event.operation();
    this.success = event.success() || einprogress(event);
    ObjectRef o1 = event.object1();
    ObjectRef o2 = event.object2();
    String cwd = event.subject() == null ? null : event.subject().cwd();
    String path1 = pathOf(o1, cwd);
    String path2 = pathOf(o2, cwd);
    this.paths =
        path1 == null
            ? (path2 == null ? List.of() : List.of(path2))
            : (path2 == null ? List.of(path1) : List.of(path1, path2));
    this.objectKind = o1 == null ? ObjectKind.UNKNOWN : o1.kind();
    ObjectRef net = networkObject(o1, o2);
    this.remotePort = net == null ? null : net.remotePort();
    this.localPort = net == null ? null : net.localPort();
    this.newFd = operation == Operation.DUP ? dupTarget(event) : o1 == null ? null : o1.fd();
    this.targetPid = o1 == null ? null : o1.pid();
    int access = access(event);
    this.reads = (access & READS) != 0;
    this.writes = (access & WRITES) != 0;
    List<Edge> edges = update.edges();
    List<String> objects = new ArrayList<>(4);
    List<String> targets = new ArrayList<>(4);
    String subjectNode = subject.nodeId();
    for (int i = 0; i < edges.size(); i++) {
      Edge e = edges.get(i);
      if (!carriesNoFlow(e)) {
        addDistinct(targets, e.targetNode());
      }
      if ("image".equals(e.attributes().get("role"))) {
        continue;
      }
      if (!e.sourceNode().equals(subjectNode)) {
        addDistinct(objects, e.sourceNode());
      }
      if (!e.targetNode().equals(subjectNode)) {
        addDistinct(objects, e.targetNode());
      }
    }
    addDistinct(targets, subjectNode);
    this.objectNodes = objects;
    this.flowTargets = targets;
  }

  /**
   * The subject's command line: its first {@value #MAX_ARGS} arguments joined by spaces, at most
   * {@value #MAX_CMDLINE} characters; built on first use.
   */
  String cmdline() {
    if (cmdline == null) {
      cmdline = cmdline(subject.argv());
    }
    return cmdline;
  }

  /**
   * The class of the remote address of the event's inet socket, or null; parsed on first use, as
   * only rules on addresses ask for it.
   */
  AddressClass addressClass() {
    if (!addressClassKnown) {
      ObjectRef net = networkObject(event.object1(), event.object2());
      addressClass = net == null ? null : AddressClass.of(net.family(), net.remoteAddress());
      addressClassKnown = true;
    }
    return addressClass;
  }

  private static String pathOf(ObjectRef o, String cwd) {
    if (o == null || o.path() == null || o.path().isEmpty() || isSocket(o)) {
      return null;
    }
    String raw = o.path().length() > MAX_PATH ? o.path().substring(0, MAX_PATH) : o.path();
    return PathNames.normalize(raw, cwd);
  }

  /** Adds {@code id} unless present: these lists hold the few nodes of one event. */
  private static void addDistinct(List<String> list, String id) {
    if (!list.contains(id)) {
      list.add(id);
    }
  }

  /** Whether no information flows along {@code e} (an edge to or from a sink device). */
  static boolean carriesNoFlow(Edge e) {
    return "none".equals(e.attributes().get("flow"));
  }

  String host() {
    return event.host();
  }

  /**
   * The event as an alert shows it; built once per event (every rule that matches the event links
   * the same step into its chain).
   */
  ChainStep chainStep(int maxAncestors) {
    if (chainStep == null || chainStepAncestors != maxAncestors) {
      chainStep =
          new ChainStep(
              event.eventId(),
              event.timestampNanos(),
              operation,
              AlertProcess.of(subject, maxAncestors),
              alertObject());
      chainStepAncestors = maxAncestors;
    }
    return chainStep;
  }

  private AlertObject alertObject() {
    String nodeId = objectNodes.isEmpty() ? null : objectNodes.iterator().next();
    NodeKind kind = null;
    if (nodeId != null) {
      for (Node n : update.nodes()) {
        if (n.id().equals(nodeId)) {
          kind = n.kind();
        }
      }
    }
    if (kind == null) {
      kind = nodeKindOf(objectKind);
    }
    String name = objectName();
    if (nodeId == null && name == null) {
      return null;
    }
    return new AlertObject(nodeId == null ? "" : nodeId, kind, name);
  }

  private String objectName() {
    if (!paths.isEmpty()) {
      return String.join(" -> ", paths);
    }
    ObjectRef net = networkObject(event.object1(), event.object2());
    if (net != null && net.remoteAddress() != null) {
      return net.remoteAddress() + (net.remotePort() == null ? "" : ":" + net.remotePort());
    }
    if (targetPid != null) {
      return "pid " + targetPid;
    }
    ObjectRef o1 = event.object1();
    if (o1 != null && o1.principalId() != null) {
      return "uid " + o1.principalId();
    }
    return null;
  }

  static NodeKind nodeKindOf(ObjectKind kind) {
    return switch (kind) {
      case FILE, DIRECTORY, SYMLINK, DEVICE, MEMORY -> NodeKind.FILE;
      case SOCKET -> NodeKind.SOCKET;
      case PIPE -> NodeKind.PIPE;
      case PROCESS -> NodeKind.PROCESS;
      case MODULE -> NodeKind.MODULE;
      case PRINCIPAL -> NodeKind.PRINCIPAL;
      case UNKNOWN -> NodeKind.UNKNOWN;
    };
  }

  private static boolean einprogress(SystemEvent e) {
    Long rv = e.returnValue();
    return e.operation() == Operation.CONNECT && rv != null && (rv == -115 || rv == -36);
  }

  private static boolean isSocket(ObjectRef o) {
    return o.kind() == ObjectKind.SOCKET && o.family() != null && !o.family().equals("unix");
  }

  private static ObjectRef networkObject(ObjectRef o1, ObjectRef o2) {
    if (hasRemote(o1)) {
      return o1;
    }
    if (hasRemote(o2)) {
      return o2;
    }
    return o1 != null && o1.kind() == ObjectKind.SOCKET ? o1 : null;
  }

  private static boolean hasRemote(ObjectRef o) {
    return o != null && o.remoteAddress() != null && !o.remoteAddress().isBlank();
  }

  private static Integer dupTarget(SystemEvent e) {
    ObjectRef o2 = e.object2();
    if (o2 != null && o2.fd() != null) {
      return o2.fd();
    }
    Long rv = e.returnValue();
    return rv != null && rv >= 0 && rv <= Integer.MAX_VALUE ? Integer.valueOf(rv.intValue()) : null;
  }

  /** {@link #READS} and/or {@link #WRITES}. */
  private static int access(SystemEvent e) {
    return switch (e.operation()) {
      case OPEN -> {
        long mode = e.flags() == null ? 0 : e.flags() & ACCESS_MODE;
        yield (mode != 1 ? READS : 0) | (mode == 1 || mode == 2 ? WRITES : 0);
      }
      case READ, RECVFROM, RECVMSG, EXECUTE, MMAP, LOADLIBRARY, ACCEPT, LOADMODULE -> READS;
      case WRITE,
          SENDTO,
          SENDMSG,
          CREATE_OBJECT,
          TRUNCATE,
          UNLINK,
          RENAME,
          LINK,
          MODIFY_FILE_ATTRIBUTES,
          CONNECT ->
          WRITES;
      default -> 0;
    };
  }

  private static String cmdline(List<String> argv) {
    int length = 0;
    for (int i = 0; i < argv.size() && i < MAX_ARGS && length <= MAX_CMDLINE; i++) {
      length += argv.get(i).length() + 1;
    }
    StringBuilder b = new StringBuilder(Math.min(length, MAX_CMDLINE + 1));
    int n = 0;
    for (String a : argv) {
      if (n++ >= MAX_ARGS || b.length() >= MAX_CMDLINE) {
        break;
      }
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(a);
    }
    return b.length() > MAX_CMDLINE ? b.substring(0, MAX_CMDLINE) : b.toString();
  }
}
