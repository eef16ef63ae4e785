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
    Long clientNanos = number(at.get("clientTimestampNanos"), true, 19);
    Long clientPid = number(at.get("clientPid"), false, 9);
    return Optional.of(
        new CrossHostHop(
            e.getId(),
            clientHost,
            clientEvent,
            clientNanos != null ? clientNanos : e.getTimestampNanos(),
            clientProcess,
            e.getSourceNode(),
            e.getHost(),
            e.getEventId(),
            e.getTimestampNanos(),
            e.getTargetNode(),
            at.get("server"),
            clientPid != null ? clientPid.intValue() : 0,
            at.get("clientExe"),
            at.get("clientCmdline"),
            number(at.get("clientUid"), false, 10)));
  }

  /**
   * The decimal number {@code text} of at most {@code maxDigits} digits (with a leading minus when
   * {@code signed}), or null when it is missing, malformed or out of range of a long.
   */
  private static Long number(String text, boolean signed, int maxDigits) {
    if (text == null) {
      return null;
    }
    int start = signed && text.startsWith("-") ? 1 : 0;
    int digits = text.length() - start;
    if (digits < 1 || digits > maxDigits) {
      return null;
    }
    for (int i = start; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException overflow) {
      return null;
    }
  }

  /** Whether {@link #hop} reads a hop from this edge. */
  public static boolean isCrossHostHop(Edge e) {
    return hop(e).isPresent();
  }
}
