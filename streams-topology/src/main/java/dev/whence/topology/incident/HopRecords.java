package dev.whence.topology.incident;

import dev.whence.avro.Edge;
import dev.whence.avro.Operation;
import dev.whence.graph.incident.CrossHostHop;
import java.util.Map;
import java.util.Optional;

/** Reads a {@link CrossHostHop} from a stitched ACCEPT edge of the connection stitcher. */
public final class HopRecords {

  private HopRecords() {}

  /**
   * The hop of a stitched edge whose two ends are on different hosts; empty for any other edge or
   * when an attribute the stitcher writes is missing.
   */
  public static Optional<CrossHostHop> hop(Edge e) {
    Map<String, String> at = e.getAttributes();
    if (e.getOperation() != Operation.ACCEPT || at == null || !"true".equals(at.get("stitched"))) {
      return Optional.empty();
    }
    String clientHost = at.get("clientHost");
    String clientEvent = at.get("clientEventId");
    String clientProcess = at.get("clientProcessNode");
    if (clientHost == null
        || clientEvent == null
        || clientProcess == null
        || e.getSourceNode() == null
        || e.getTargetNode() == null
        || clientHost.equals(e.getHost())) {
      return Optional.empty();
    }
    long clientNanos = e.getTimestampNanos();
    String t = at.get("clientTimestampNanos");
    if (t != null && t.matches("-?\\d{1,19}")) {
      try {
        clientNanos = Long.parseLong(t);
      } catch (NumberFormatException ignored) {
        clientNanos = e.getTimestampNanos();
      }
    }
    return Optional.of(
        new CrossHostHop(
            e.getId(),
            clientHost,
            clientEvent,
            clientNanos,
            clientProcess,
            e.getSourceNode(),
            e.getHost(),
            e.getEventId(),
            e.getTimestampNanos(),
            e.getTargetNode(),
            at.get("server"),
            digits(at.get("clientPid"), 9) ? Integer.parseInt(at.get("clientPid")) : 0,
            at.get("clientExe"),
            at.get("clientCmdline"),
            digits(at.get("clientUid"), 10) ? Long.valueOf(at.get("clientUid")) : null));
  }

  private static boolean digits(String text, int max) {
    if (text == null || text.isEmpty() || text.length() > max) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Whether {@link #hop} reads a hop from this edge. */
  public static boolean isCrossHostHop(Edge e) {
    return hop(e).isPresent();
  }
}
