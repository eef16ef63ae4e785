package dev.whence.topology.query;

import dev.whence.avro.Alert;
import dev.whence.avro.AlertObject;
import dev.whence.avro.AlertProcess;
import dev.whence.avro.Ancestor;
import dev.whence.avro.ChainStep;
import java.util.List;

/**
 * An alert as {@code GET /api/alerts} answers it (times in nanoseconds since the epoch; exe,
 * cmdline and names are untrusted text, escaped only by JSON).
 *
 * @param rule the rule id
 * @param ruleVersion version of the rule that matched
 * @param incidentId the incident the alert belongs to (alerts causally connected within a window
 *     share it), or null when it was not grouped
 * @param chain matched events, oldest first
 */
public record AlertView(
    String id,
    String rule,
    int ruleVersion,
    String title,
    String severity,
    double score,
    List<String> techniques,
    String host,
    String incidentId,
    long firstSeen,
    long lastSeen,
    List<Step> chain) {

  /** Copies the lists. */
  public AlertView {
    techniques = List.copyOf(techniques);
    chain = List.copyOf(chain);
  }

  /** One matched event. */
  public record Step(long ts, String op, Subject subject, Target object) {}

  /** The acting process with its ancestors (parent first). */
  public record Subject(
      String id, int pid, String exe, String cmdline, Long uid, List<Parent> ancestors) {

    /** Copies the ancestors. */
    public Subject {
      ancestors = List.copyOf(ancestors);
    }
  }

  /** One ancestor of the acting process. */
  public record Parent(String id, int pid, String exe, String cmdline, Long uid) {}

  /** The object of the event. */
  public record Target(String id, String kind, String name) {}

  /** The view of an Avro alert. */
  public static AlertView of(Alert a) {
    return new AlertView(
        a.getId(),
        a.getRuleId(),
        a.getRuleVersion(),
        a.getTitle(),
        a.getSeverity().name(),
        a.getScore(),
        a.getTechniques(),
        a.getHost(),
        a.getIncidentId(),
        a.getFirstSeenNanos(),
        a.getLastSeenNanos(),
        a.getChain().stream().map(AlertView::step).toList());
  }

  private static Step step(ChainStep s) {
    AlertProcess p = s.getSubject();
    Subject subject =
        new Subject(
            p.getNodeId(),
            p.getPid(),
            p.getExe(),
            p.getCmdline(),
            p.getUid(),
            p.getAncestors().stream().map(AlertView::parent).toList());
    AlertObject o = s.getObject();
    Target target = o == null ? null : new Target(o.getNodeId(), o.getKind().name(), o.getName());
    return new Step(s.getTimestampNanos(), s.getOperation().name(), subject, target);
  }

  private static Parent parent(Ancestor a) {
    return new Parent(a.getNodeId(), a.getPid(), a.getExe(), a.getCmdline(), a.getUid());
  }
}
