package dev.whence.graph.incident;

import java.util.Objects;

/**
 * One connection joined across its two ends (the stitched ACCEPT edge): a client process connected
 * through a flow on one host and a process accepted it on another (or the same) host.
 *
 * @param id id of the stitched edge
 * @param clientHost host of the connect
 * @param clientEventId id of the connect event
 * @param clientNanos event time of the connect, or the accept's when unknown
 * @param clientProcessNode process node that connected
 * @param clientFlowNode flow node the client's graph used
 * @param serverHost host of the accept
 * @param serverEventId id of the accept event
 * @param serverNanos event time of the accept
 * @param serverProcessNode process node that accepted
 * @param service the server endpoint as {@code address:port}; untrusted, may be null
 * @param clientPid pid of the connecting process, 0 when unknown
 * @param clientExe its executable; untrusted, may be null
 * @param clientCmdline its command line; untrusted, may be null
 * @param clientUid its real user id, may be null
 */
public record CrossHostHop(
    String id,
    String clientHost,
    String clientEventId,
    long clientNanos,
    String clientProcessNode,
    String clientFlowNode,
    String serverHost,
    String serverEventId,
    long serverNanos,
    String serverProcessNode,
    String service,
    int clientPid,
    String clientExe,
    String clientCmdline,
    Long clientUid) {

  /** Requires every id. */
  public CrossHostHop {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientHost, "clientHost");
    Objects.requireNonNull(clientEventId, "clientEventId");
    Objects.requireNonNull(clientProcessNode, "clientProcessNode");
    Objects.requireNonNull(clientFlowNode, "clientFlowNode");
    Objects.requireNonNull(serverHost, "serverHost");
    Objects.requireNonNull(serverEventId, "serverEventId");
    Objects.requireNonNull(serverProcessNode, "serverProcessNode");
  }

  /** Whether the two ends are on different hosts. */
  public boolean crossesHosts() {
    return !clientHost.equals(serverHost);
  }
}
