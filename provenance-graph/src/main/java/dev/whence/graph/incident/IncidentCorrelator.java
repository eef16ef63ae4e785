package dev.whence.graph.incident;

import dev.whence.graph.detect.AlertObject;
import dev.whence.graph.detect.AlertProcess;
import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.detect.ChainStep;
import dev.whence.graph.detect.Detector;
import dev.whence.graph.identity.Uuid5;
import dev.whence.graph.model.NodeKind;
import dev.whence.graph.model.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Groups alerts into incidents and raises lateral movement across hosts, incrementally and
 * deterministically.
 *
 * <p>Two alerts (or an alert and a {@link CrossHostHop}) are connected when their event-time spans
 * lie within {@link IncidentSettings#window()} of each other and they share a process or object, or
 * a process of one is an ancestor of a process of the other that branched off it after the first
 * alert began (a process forked before an act does not inherit it), or both are alerts of one rule
 * raised by children of one parent (a script repeating one action). An incident is a connected
 * group of alerts, hops joining groups across hosts; its id is the smallest {@link
 * #incidentIdOf(String) incident id of an alert} of the group, so it does not depend on the order
 * in which alerts and hops arrive, and groups only merge (an alert that leaves by expiry does not
 * rename the rest).
 *
 * <p>Lateral movement: for a hop between two hosts, every alert on the server's host whose
 * processes are the accepting process or its descendants (through the ancestry the alert carries),
 * with an event at or after the accept and starting no later than the rule's time bound after it,
 * makes one lateral-movement alert per connect event: the connect, then the events of those alerts.
 *
 * <p>A hop is only placed in a group once something linked to it holds an alert (directly or
 * through other hops); until then it waits, indexed by its nodes, so a busy server's thousands of
 * benign connections cost a lookup each rather than a growing group to compare with. The groups of
 * alerts are the same as if every hop were placed at once.
 *
 * <p>State is in memory and bounded: {@link #expire(long)} drops what ended more than a window
 * before stream time, and the oldest beyond {@link IncidentSettings#maxMembers()}, hops first. Not
 * thread-safe.
 */
public final class IncidentCorrelator {

  private static final UUID INCIDENT_NAMESPACE =
      UUID.fromString("6b1d7f0e-4c0a-5d3e-9a51-0c7e1d2b8f44");

  /** Prefix of the provisional label of a hop that no alert joined yet; sorts after every UUID. */
  private static final String HOP_LABEL = "~";

  private final IncidentSettings settings;
  private final long windowNanos;
  private LateralMovementRule lateral;

  private final Map<String, Member> members = new HashMap<>();
  private final Map<String, AlertUpdate> alerts = new HashMap<>();
  private final Map<String, CrossHostHop> hops = new HashMap<>();
  private final Map<String, String> labelOf = new HashMap<>();
  private final Map<String, Set<String>> membersOf = new HashMap<>();
  private final Map<String, Set<String>> byAnchor = new HashMap<>();
  private final Map<String, Set<String>> byAncestor = new HashMap<>();
  private final Map<String, Set<String>> byParent = new HashMap<>();
  private final Map<String, Set<String>> hopsByServerProcess = new HashMap<>();
  private final Map<String, Member> waiting = new HashMap<>();
  private final Map<String, Set<String>> waitingByNode = new HashMap<>();

  /**
   * A correlator with no members.
   *
   * @param lateral what lateral movement raises; null raises none
   */
  public IncidentCorrelator(IncidentSettings settings, LateralMovementRule lateral) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.lateral = lateral;
    this.windowNanos = settings.window().toNanos();
  }

  /** The incident id that an alert alone starts with (a name-based UUID of its id). */
  public static String incidentIdOf(String alertId) {
    return Uuid5.of(INCIDENT_NAMESPACE, alertId).toString();
  }

  /** Replaces the lateral-movement rule for what arrives from now on; null raises none. */
  public void setLateralRule(LateralMovementRule rule) {
    this.lateral = rule;
  }

  /**
   * Takes a new or grown alert: returns its incident, the alerts whose incident changed, and the
   * lateral-movement alerts it raised or grew.
   */
  public IncidentChanges accept(AlertUpdate alert) {
    Map<String, String> changed = new LinkedHashMap<>();
    List<AlertUpdate> raised = new ArrayList<>();
    add(alert, changed);
    if (lateral != null && !alert.ruleId().equals(lateral.id())) {
      Member m = members.get(alert.id());
      Set<String> affected = new TreeSet<>();
      for (String node : m.anchors()) {
        affected.addAll(hopsByServerProcess.getOrDefault(node, Set.of()));
      }
      for (String node : m.ancestors().keySet()) {
        affected.addAll(hopsByServerProcess.getOrDefault(node, Set.of()));
      }
      for (String hopId : affected) {
        raiseLateral(hops.get(hopId), changed, raised);
      }
    }
    return new IncidentChanges(changed, raised);
  }

  /** Takes a stitched connection: the alerts whose incident changed and any lateral movement. */
  public IncidentChanges accept(CrossHostHop hop) {
    Map<String, String> changed = new LinkedHashMap<>();
    List<AlertUpdate> raised = new ArrayList<>();
    Member m = Member.of(hop);
    CrossHostHop earlier = hops.put(hop.id(), hop);
    if (earlier == null) {
      hopsByServerProcess
          .computeIfAbsent(hop.serverProcessNode(), k -> new TreeSet<>())
          .add(hop.id());
    }
    unwait(hop.id());
    if (members.containsKey(hop.id()) || touchesPlaced(m)) {
      place(m, HOP_LABEL + hop.id(), changed);
    } else {
      await(m);
    }
    raiseLateral(hop, changed, raised);
    return new IncidentChanges(changed, raised);
  }

  /** The incident of a known alert. */
  public Optional<String> incidentOf(String alertId) {
    return alerts.containsKey(alertId) ? Optional.of(labelOf.get(alertId)) : Optional.empty();
  }

  /** How many alerts and hops are kept. */
  public int size() {
    return members.size() + waiting.size();
  }

  /**
   * Drops alerts and hops whose last event is more than a window before {@code streamTimeNanos},
   * then, beyond the size bound, the oldest hops and after them the oldest alerts (a flood of
   * connections does not push alerts out first).
   */
  public ExpiredMembers expire(long streamTimeNanos) {
    long horizon =
        streamTimeNanos < Long.MIN_VALUE + windowNanos
            ? Long.MIN_VALUE
            : streamTimeNanos - windowNanos;
    List<Member> gone = new ArrayList<>();
    List<Member> kept = new ArrayList<>();
    for (Member m : members.values()) {
      (m.last() < horizon ? gone : kept).add(m);
    }
    for (Member m : waiting.values()) {
      (m.last() < horizon ? gone : kept).add(m);
    }
    int excess = kept.size() - settings.maxMembers();
    if (excess > 0) {
      kept.sort(
          Comparator.comparing((Member m) -> !m.hop())
              .thenComparingLong(Member::last)
              .thenComparing(Member::id));
      gone.addAll(kept.subList(0, excess));
    }
    List<String> goneAlerts = new ArrayList<>();
    List<String> goneHops = new ArrayList<>();
    for (Member m : gone) {
      remove(m);
      (m.hop() ? goneHops : goneAlerts).add(m.id());
    }
    goneAlerts.sort(null);
    goneHops.sort(null);
    return new ExpiredMembers(goneAlerts, goneHops);
  }

  private void add(AlertUpdate alert, Map<String, String> changed) {
    Member m = Member.of(alert);
    alerts.put(alert.id(), alert);
    place(m, incidentIdOf(alert.id()), changed);
    changed.put(alert.id(), labelOf.get(alert.id()));
  }

  /**
   * Places {@code m} and then every waiting hop that it, or a hop placed after it, is linked to.
   */
  private void place(Member m, String freshLabel, Map<String, String> changed) {
    merge(m, freshLabel, changed);
    List<Member> placed = new ArrayList<>(List.of(m));
    while (!placed.isEmpty()) {
      Member next = placed.remove(placed.size() - 1);
      for (Member hop : waitingLinkedTo(next)) {
        unwait(hop.id());
        merge(hop, HOP_LABEL + hop.id(), changed);
        placed.add(hop);
      }
    }
  }

  /** Indexes {@code m} (replacing an earlier version) and merges the groups it connects. */
  private void merge(Member m, String freshLabel, Map<String, String> changed) {
    Member old = members.get(m.id());
    String label = freshLabel;
    if (old != null) {
      unindex(old);
      label = labelOf.get(m.id());
    } else {
      labelOf.put(m.id(), label);
      membersOf.computeIfAbsent(label, k -> new TreeSet<>()).add(m.id());
    }
    members.put(m.id(), m);
    index(m);
    Set<String> labels = new TreeSet<>();
    labels.add(label);
    for (String other : candidates(m)) {
      if (!other.equals(m.id()) && m.linked(members.get(other), windowNanos)) {
        labels.add(labelOf.get(other));
      }
    }
    String target = ((TreeSet<String>) labels).first();
    for (String l : labels) {
      if (!l.equals(target)) {
        relabel(l, target, changed);
      }
    }
  }

  /** Whether a placed member is linked to {@code m}. */
  private boolean touchesPlaced(Member m) {
    for (String other : candidates(m)) {
      if (!other.equals(m.id()) && m.linked(members.get(other), windowNanos)) {
        return true;
      }
    }
    return false;
  }

  /** The waiting hops linked to {@code m}, in id order. */
  private List<Member> waitingLinkedTo(Member m) {
    Set<String> ids = new TreeSet<>();
    for (String node : m.anchors()) {
      ids.addAll(waitingByNode.getOrDefault(node, Set.of()));
    }
    for (String node : m.ancestors().keySet()) {
      ids.addAll(waitingByNode.getOrDefault(node, Set.of()));
    }
    List<Member> linked = new ArrayList<>();
    for (String id : ids) {
      Member hop = waiting.get(id);
      if (!id.equals(m.id()) && hop != null && m.linked(hop, windowNanos)) {
        linked.add(hop);
      }
    }
    return linked;
  }

  private void await(Member hop) {
    waiting.put(hop.id(), hop);
    for (String node : hop.anchors()) {
      waitingByNode.computeIfAbsent(node, k -> new HashSet<>()).add(hop.id());
    }
  }

  private void unwait(String id) {
    Member hop = waiting.remove(id);
    if (hop != null) {
      for (String node : hop.anchors()) {
        drop(waitingByNode, node, id);
      }
    }
  }

  private void relabel(String from, String to, Map<String, String> changed) {
    Set<String> moving = membersOf.remove(from);
    if (moving == null) {
      return;
    }
    Set<String> into = membersOf.computeIfAbsent(to, k -> new TreeSet<>());
    for (String id : moving) {
      labelOf.put(id, to);
      into.add(id);
      if (alerts.containsKey(id)) {
        changed.put(id, to);
      }
    }
  }

  private Set<String> candidates(Member m) {
    Set<String> out = new HashSet<>();
    for (String node : m.anchors()) {
      out.addAll(byAnchor.getOrDefault(node, Set.of()));
      out.addAll(byAncestor.getOrDefault(node, Set.of()));
    }
    for (String node : m.ancestors().keySet()) {
      out.addAll(byAnchor.getOrDefault(node, Set.of()));
    }
    for (String key : m.parents()) {
      out.addAll(byParent.getOrDefault(key, Set.of()));
    }
    return out;
  }

  private void raiseLateral(
      CrossHostHop hop, Map<String, String> changed, List<AlertUpdate> raised) {
    if (lateral == null || !hop.crossesHosts()) {
      return;
    }
    List<AlertUpdate> landed = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    seen.addAll(byAnchor.getOrDefault(hop.serverProcessNode(), Set.of()));
    seen.addAll(byAncestor.getOrDefault(hop.serverProcessNode(), Set.of()));
    long within = lateral.within().toNanos();
    for (String id : seen) {
      AlertUpdate a = alerts.get(id);
      if (a == null
          || a.ruleId().equals(lateral.id())
          || !a.host().equals(hop.serverHost())
          || a.lastSeenNanos() < hop.serverNanos()
          || a.firstSeenNanos() - hop.serverNanos() > within) {
        continue;
      }
      landed.add(a);
    }
    if (landed.isEmpty()) {
      return;
    }
    AlertUpdate alert = lateralAlert(hop, landed);
    if (alert.equals(alerts.get(alert.id()))) {
      return;
    }
    add(alert, changed);
    raised.add(alert);
  }

  private AlertUpdate lateralAlert(CrossHostHop hop, List<AlertUpdate> landed) {
    Map<String, ChainStep> byEvent = new TreeMap<>();
    for (AlertUpdate a : landed) {
      for (ChainStep s : a.chain()) {
        byEvent.putIfAbsent(s.eventId(), s);
      }
    }
    byEvent.remove(hop.clientEventId());
    List<ChainStep> rest = new ArrayList<>(byEvent.values());
    rest.sort(
        Comparator.comparingLong(ChainStep::timestampNanos).thenComparing(ChainStep::eventId));
    List<ChainStep> chain = new ArrayList<>();
    chain.add(connectStep(hop));
    chain.addAll(rest.subList(0, Math.min(rest.size(), settings.maxChain() - 1)));
    long first = chain.stream().mapToLong(ChainStep::timestampNanos).min().orElseThrow();
    long last = chain.stream().mapToLong(ChainStep::timestampNanos).max().orElseThrow();
    double score = Math.min(100, lateral.severity().baseScore() + 2.0 * (chain.size() - 1));
    return new AlertUpdate(
        Detector.alertId(lateral.id(), hop.clientEventId()),
        lateral.id(),
        lateral.version(),
        lateral.title(),
        lateral.severity(),
        score,
        lateral.techniques(),
        hop.serverHost(),
        first,
        last,
        chain);
  }

  /** The client's connect as the stitcher saw it (its process without ancestry). */
  private static ChainStep connectStep(CrossHostHop hop) {
    AlertProcess client =
        new AlertProcess(
            hop.clientProcessNode(),
            hop.clientPid(),
            hop.clientExe(),
            hop.clientCmdline() == null ? List.of() : List.of(hop.clientCmdline()),
            hop.clientUid(),
            hop.clientNanos(),
            List.of());
    AlertObject flow = new AlertObject(hop.clientFlowNode(), NodeKind.FLOW, hop.service());
    return new ChainStep(hop.clientEventId(), hop.clientNanos(), Operation.CONNECT, client, flow);
  }

  private void index(Member m) {
    for (String node : m.anchors()) {
      byAnchor.computeIfAbsent(node, k -> new HashSet<>()).add(m.id());
    }
    for (String node : m.ancestors().keySet()) {
      byAncestor.computeIfAbsent(node, k -> new HashSet<>()).add(m.id());
    }
    for (String key : m.parents()) {
      byParent.computeIfAbsent(key, k -> new HashSet<>()).add(m.id());
    }
  }

  private void unindex(Member m) {
    for (String node : m.anchors()) {
      drop(byAnchor, node, m.id());
    }
    for (String node : m.ancestors().keySet()) {
      drop(byAncestor, node, m.id());
    }
    for (String key : m.parents()) {
      drop(byParent, key, m.id());
    }
  }

  private void remove(Member m) {
    if (waiting.containsKey(m.id())) {
      unwait(m.id());
    } else {
      unindex(m);
    }
    members.remove(m.id());
    alerts.remove(m.id());
    CrossHostHop hop = hops.remove(m.id());
    if (hop != null) {
      drop(hopsByServerProcess, hop.serverProcessNode(), hop.id());
    }
    String label = labelOf.remove(m.id());
    if (label != null) {
      drop(membersOf, label, m.id());
    }
  }

  private static void drop(Map<String, Set<String>> index, String key, String id) {
    Set<String> ids = index.get(key);
    if (ids != null) {
      ids.remove(id);
      if (ids.isEmpty()) {
        index.remove(key);
      }
    }
  }
}
