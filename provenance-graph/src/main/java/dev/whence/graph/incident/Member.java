package dev.whence.graph.incident;

import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.detect.ChainStep;
import dev.whence.graph.model.Ancestor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the correlator knows of an alert or a hop: its time span and the graph nodes it involves.
 *
 * @param ruleId rule of an alert; null for a hop
 * @param anchors process nodes that acted and object nodes that were touched
 * @param ancestors nodes of the acting processes' ancestors (parents and earlier images), each with
 *     the earliest time the alert's line of processes left it (the start of the next one down)
 * @param parents per rule, the nearest parent of each acting process ({@code rule \0 node})
 */
record Member(
    String id,
    boolean hop,
    String ruleId,
    String host,
    long first,
    long last,
    Set<String> anchors,
    Map<String, Long> ancestors,
    Set<String> parents) {

  /** Pids of parents too common to tie alerts together (the idle task, init, kthreadd). */
  private static final int LAST_SYSTEM_PID = 2;

  static Member of(AlertUpdate alert) {
    Set<String> anchors = new HashSet<>();
    Map<String, Long> ancestors = new HashMap<>();
    Set<String> parents = new HashSet<>();
    long first = alert.firstSeenNanos();
    long last = alert.lastSeenNanos();
    for (ChainStep step : alert.chain()) {
      first = Math.min(first, step.timestampNanos());
      last = Math.max(last, step.timestampNanos());
      if (step.subject() != null) {
        addNode(anchors, step.subject().nodeId());
        Ancestor parent = null;
        long below = step.subject().startNanos();
        for (Ancestor a : step.subject().ancestors()) {
          if (isNode(a.nodeId())) {
            ancestors.merge(a.nodeId(), known(below), Math::min);
          }
          if (parent == null && a.pid() != step.subject().pid()) {
            parent = a;
          }
          below = a.startNanos();
        }
        if (parent != null && parent.pid() > LAST_SYSTEM_PID && isNode(parent.nodeId())) {
          parents.add(alert.ruleId() + "\u0000" + parent.nodeId());
        }
      }
      if (step.object() != null) {
        addNode(anchors, step.object().nodeId());
      }
    }
    ancestors.keySet().removeAll(anchors);
    return new Member(
        alert.id(),
        false,
        alert.ruleId(),
        alert.host(),
        first,
        last,
        Set.copyOf(anchors),
        Map.copyOf(ancestors),
        Set.copyOf(parents));
  }

  static Member of(CrossHostHop hop) {
    Set<String> anchors = new HashSet<>();
    addNode(anchors, hop.clientProcessNode());
    addNode(anchors, hop.clientFlowNode());
    addNode(anchors, hop.serverProcessNode());
    return new Member(
        hop.id(),
        true,
        null,
        hop.serverHost(),
        Math.min(hop.clientNanos(), hop.serverNanos()),
        Math.max(hop.clientNanos(), hop.serverNanos()),
        Set.copyOf(anchors),
        Map.of(),
        Set.of());
  }

  /**
   * Whether this and {@code other} are causally connected within {@code windowNanos}: they share a
   * process or object; or a process of one is an ancestor of a process of the other, whose line
   * left it (forked or executed) no earlier than the first event of the ancestor's alert, so that
   * what the ancestor did could have been handed down; or both are alerts of one rule raised by
   * children of the same parent.
   */
  boolean linked(Member other, long windowNanos) {
    if (gap(other) > windowNanos) {
      return false;
    }
    return meets(anchors, other.anchors)
        || descends(other, this)
        || descends(this, other)
        || meets(parents, other.parents);
  }

  /**
   * Whether a process of {@code from} is an ancestor of {@code to}'s, left after {@code from}
   * began.
   */
  private static boolean descends(Member to, Member from) {
    for (Map.Entry<String, Long> e : to.ancestors.entrySet()) {
      if (e.getValue() >= from.first && from.anchors.contains(e.getKey())) {
        return true;
      }
    }
    return false;
  }

  /** An unknown start (0 or less) counts as late: the link is kept. */
  private static long known(long startNanos) {
    return startNanos > 0 ? startNanos : Long.MAX_VALUE;
  }

  /** The time between the two spans; 0 when they overlap. */
  long gap(Member other) {
    long start = Math.max(first, other.first);
    long end = Math.min(last, other.last);
    if (start <= end) {
      return 0;
    }
    long gap = start - end;
    return gap < 0 ? Long.MAX_VALUE : gap;
  }

  /** Whether {@code node} is one of the acting processes or one of their ancestors. */
  boolean involvesProcess(String node) {
    return anchors.contains(node) || ancestors.containsKey(node);
  }

  private static boolean meets(Set<String> a, Set<String> b) {
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    for (String s : small) {
      if (large.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static void addNode(Set<String> into, String node) {
    if (isNode(node)) {
      into.add(node);
    }
  }

  private static boolean isNode(String node) {
    return node != null && !node.isEmpty();
  }
}
