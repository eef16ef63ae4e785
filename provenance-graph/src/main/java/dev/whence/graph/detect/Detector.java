package dev.whence.graph.detect;

import dev.whence.graph.build.GraphUpdate;
import dev.whence.graph.build.ProcessView;
import dev.whence.graph.identity.PathNames;
import dev.whence.graph.identity.Uuid5;
import dev.whence.graph.model.Ancestor;
import dev.whence.graph.model.Edge;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.SystemEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The incremental detection engine. Feed it every applied event with its graph update, in the order
 * the graph builder applied them; it returns the alerts that this event created or grew.
 *
 * <p>Each event first moves the partial matches waiting for an information-flow link along its
 * edges (source to target), then is tested against every step of every rule; a step after the first
 * continues the partial matches that its links reach: {@link LinkKind#FLOW} at the event's process
 * or objects, {@link LinkKind#SAME_PROCESS} and {@link LinkKind#DESCENDANT} at the process and its
 * inline ancestry, {@link LinkKind#NAMED_IN_ARGV} under the paths named in the command line.
 * Partial matches live on graph node ids through a {@link MatchStore}, expire on event time and are
 * capped per key.
 *
 * <p>An alert only grows: copies of one match carried along different edges keep its alert id and
 * may grow apart, so the store also keeps, under an alert key until the copies expire, the chain
 * last reported for each alert id; a copy's growth is reported as that chain with the copy's
 * missing events appended, never as a shorter or different story. Not thread-safe: one detector per
 * stream task.
 */
public final class Detector {
  private static final UUID ALERT_NAMESPACE =
      UUID.fromString("6f1d3c9e-2b7a-4f0e-9a51-7c2d8e4b1a03");
  private static final String NAME_KEY = "name:";
  private static final String ALERT_KEY = "alert:";

  private final MatchStore store;
  private final DetectorConfig config;
  private Map<String, Rule> rules = Map.of();
  private Map<Operation, List<Rule>> byOperation = Map.of();
  private long started;
  private long advanced;
  private long alertsRaised;
  private long alertsGrown;
  private long suppressed;
  private long merged;
  private long expired;
  private long capDropped;
  private long propagated;
  private final Work work = new Work();
  private final Map<String, AlertUpdate> alerts = new LinkedHashMap<>();
  private final List<Placement> placements = new ArrayList<>();
  private boolean[] stepMatches = new boolean[8];

  /** A detector over {@code store} running {@code rules}. */
  public Detector(Collection<Rule> rules, MatchStore store, DetectorConfig config) {
    this.store = store;
    this.config = config;
    setRules(rules);
  }

  /**
   * Replaces the rules. Partial matches of a rule that is gone or has another version are dropped
   * when next read.
   */
  public void setRules(Collection<Rule> newRules) {
    Map<String, Rule> byId = new TreeMap<>();
    for (Rule r : newRules) {
      if (byId.put(r.id(), r) != null) {
        throw new IllegalArgumentException("rule id '" + r.id() + "' appears twice");
      }
    }
    Map<Operation, List<Rule>> index = new EnumMap<>(Operation.class);
    for (Rule r : byId.values()) {
      Set<Operation> ops = EnumSet.noneOf(Operation.class);
      r.steps().forEach(s -> ops.addAll(s.operations()));
      r.suppressions().stream()
          .filter(s -> s.after() != null)
          .forEach(s -> ops.addAll(s.after().operations()));
      ops.forEach(op -> index.computeIfAbsent(op, k -> new ArrayList<>()).add(r));
    }
    this.rules = byId;
    this.byOperation = index;
  }

  /** The rules in force, by id. */
  public Map<String, Rule> rules() {
    return rules;
  }

  /**
   * The sum of the running totals: every total only grows, so an unchanged sum means unchanged
   * totals, which a caller can tell without building {@link #counters()}.
   */
  public long progress() {
    return started
        + advanced
        + alertsRaised
        + alertsGrown
        + suppressed
        + merged
        + expired
        + capDropped
        + propagated;
  }

  /** Running totals. */
  public DetectorCounters counters() {
    return new DetectorCounters(
        started,
        advanced,
        alertsRaised,
        alertsGrown,
        suppressed,
        merged,
        expired,
        capDropped,
        propagated);
  }

  /**
   * Processes one event that the graph builder applied. Returns the alerts created or grown by it,
   * each id once, in rule id order; nothing for a rejected or duplicate event.
   */
  public List<AlertUpdate> apply(SystemEvent event, GraphUpdate update) {
    if (update == null || update.isRejected() || update.subject() == null || rules.isEmpty()) {
      return List.of();
    }
    Work w = work.reset(event, update);
    alerts.clear();
    placements.clear();
    propagate(w);
    List<Rule> candidates = byOperation.get(event.operation());
    if (candidates != null) {
      for (int i = 0; i < candidates.size(); i++) {
        match(w, candidates.get(i), alerts, placements);
      }
    }
    for (int i = 0; i < placements.size(); i++) {
      Placement p = placements.get(i);
      for (String key : p.keys) {
        add(w, key, p.match);
      }
    }
    w.flush();
    List<AlertUpdate> raised = alerts.isEmpty() ? List.of() : List.copyOf(alerts.values());
    alerts.clear();
    placements.clear();
    return raised;
  }

  /**
   * Drops partial matches that expired at or before {@code nowNanos} (event time, for instance
   * stream time from a punctuator). Returns how many keys were cleaned.
   */
  public int expire(long nowNanos) {
    List<String> keys = store.keysDueBy(nowNanos, config.maxExpiredPerCall());
    for (String key : keys) {
      List<PartialMatch> kept = new ArrayList<>();
      for (PartialMatch m : store.get(key)) {
        if (m.expiresNanos() > nowNanos && current(m)) {
          kept.add(m);
        } else if (!isAlertKey(key)) {
          expired++;
        }
      }
      store.put(key, kept);
    }
    return keys.size();
  }

  private void propagate(Work w) {
    List<Edge> edges = w.update.edges();
    for (int i = 0; i < edges.size(); i++) {
      Edge e = edges.get(i);
      if (EventView.carriesNoFlow(e)) {
        continue;
      }
      List<PartialMatch> source = w.load(e.sourceNode());
      if (source.isEmpty()) {
        continue;
      }
      for (PartialMatch m : List.copyOf(source)) {
        if (flows(m)) {
          add(w, e.targetNode(), m);
          propagated++;
        }
      }
    }
  }

  private boolean flows(PartialMatch m) {
    if (m.isMarker()) {
      return true;
    }
    Rule rule = rules.get(m.ruleId());
    int size = rule.steps().size();
    if (m.matchedSteps() >= size) {
      return size > 1 && rule.steps().get(size - 1).links().contains(LinkKind.FLOW);
    }
    return rule.steps().get(m.matchedSteps()).links().contains(LinkKind.FLOW);
  }

  private void match(Work w, Rule rule, Map<String, AlertUpdate> alerts, List<Placement> out) {
    EventView v = w.view();
    List<Step> steps = rule.steps();
    int size = steps.size();
    for (int i = 0; i < rule.suppressions().size(); i++) {
      Step after = rule.suppressions().get(i).after();
      if (after != null && after.test(v)) {
        PartialMatch marker =
            new PartialMatch(
                rule.id(),
                rule.version(),
                "suppression-" + i,
                PartialMatch.MARKER,
                i,
                v.host(),
                v.event.timestampNanos(),
                v.event.timestampNanos(),
                expiry(v, rule),
                List.of());
        out.add(new Placement(marker, v.flowTargets));
      }
    }
    boolean any = false;
    if (stepMatches.length < size) {
      stepMatches = new boolean[size];
    }
    boolean[] matched = stepMatches;
    for (int s = 0; s < size; s++) {
      matched[s] = steps.get(s).test(v);
      any |= matched[s];
    }
    if (!any) {
      return;
    }
    if (isSuppressed(w, rule)) {
      suppressed++;
      return;
    }
    ChainStep link = v.chainStep(config.maxChainAncestors());
    Map<String, PartialMatch> results = new LinkedHashMap<>();
    boolean grown = false;
    if (matched[size - 1]) {
      for (PartialMatch m : candidates(w, rule, size, completeLinks(rule), steps.get(size - 1))) {
        if (!m.contains(v.event.eventId()) && !results.containsKey(m.alertId())) {
          results.put(m.alertId(), m.with(link, false, config.maxChain()));
          grown = true;
        }
      }
    }
    for (int s = size - 1; s >= 1; s--) {
      if (!matched[s]) {
        continue;
      }
      Step step = steps.get(s);
      for (PartialMatch m : candidates(w, rule, s, step.links(), step)) {
        if (results.containsKey(m.alertId()) || m.contains(v.event.eventId())) {
          continue;
        }
        PartialMatch next = m.with(link, true, config.maxChain());
        if (!otherHostHolds(step, next, v)) {
          continue;
        }
        results.put(m.alertId(), next);
        advanced++;
      }
    }
    if (matched[0] && !grown) {
      String alertId = alertId(rule.id(), v.event.eventId());
      if (!results.containsKey(alertId)) {
        PartialMatch fresh =
            new PartialMatch(
                rule.id(),
                rule.version(),
                alertId,
                1,
                -1,
                v.host(),
                v.event.timestampNanos(),
                v.event.timestampNanos(),
                expiry(v, rule),
                List.of(link));
        results.put(alertId, fresh);
        started++;
      }
    }
    for (PartialMatch m : results.values()) {
      PartialMatch placed = m.matchedSteps() == size ? report(w, rule, m, alerts) : m;
      out.add(new Placement(placed, placeKeys(w, rule, placed)));
    }
  }

  /**
   * Reports the complete match {@code m} as the continuation of what was reported under its alert
   * id, records the reported chain and returns {@code m} carrying it.
   */
  private PartialMatch report(Work w, Rule rule, PartialMatch m, Map<String, AlertUpdate> alerts) {
    String key = ALERT_KEY + m.alertId();
    List<PartialMatch> reported = w.load(key);
    PartialMatch told;
    if (reported.isEmpty()) {
      told = m;
      alertsRaised++;
    } else {
      told = m.continuing(reported.get(0), config.maxChain());
      reported.clear();
      alertsGrown++;
    }
    reported.add(told.expiringAt(afterExpiry(m)));
    w.dirty.add(key);
    alerts.put(m.alertId(), alert(rule, told, w.view()));
    return told;
  }

  /**
   * Expiry of a reported chain: just after its match's, so that the record outlives every copy (a
   * copy is still read at its expiry instant, {@link #expire} drops what is due at it).
   */
  private static long afterExpiry(PartialMatch m) {
    return m.expiresNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : m.expiresNanos() + 1;
  }

  private static boolean isAlertKey(String key) {
    return key.startsWith(ALERT_KEY);
  }

  private static boolean otherHostHolds(Step step, PartialMatch next, EventView v) {
    return !step.otherHost() || !next.firstHost().equals(v.host());
  }

  private boolean isSuppressed(Work w, Rule rule) {
    EventView v = w.view();
    for (int i = 0; i < rule.suppressions().size(); i++) {
      Suppression s = rule.suppressions().get(i);
      if (!s.testDirect(v)) {
        continue;
      }
      if (s.after() == null) {
        return true;
      }
      Set<String> keys = new LinkedHashSet<>(v.objectNodes);
      keys.add(v.subject.nodeId());
      for (String key : keys) {
        for (PartialMatch m : w.load(key)) {
          if (m.isMarker() && m.ruleId().equals(rule.id()) && m.marker() == i) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Set<LinkKind> completeLinks(Rule rule) {
    return rule.steps().size() == 1
        ? Set.of(LinkKind.SAME_PROCESS)
        : rule.steps().get(rule.steps().size() - 1).links();
  }

  private List<PartialMatch> candidates(
      Work w, Rule rule, int matchedSteps, Set<LinkKind> links, Step step) {
    Set<String> keys = new LinkedHashSet<>();
    EventView v = w.view();
    ProcessView p = v.subject;
    for (LinkKind link : links) {
      switch (link) {
        case FLOW -> {
          if (step.from() != FlowOrigin.OBJECT) {
            keys.add(p.nodeId());
          }
          if (step.from() != FlowOrigin.SUBJECT) {
            keys.addAll(v.objectNodes);
          }
        }
        case SAME_PROCESS -> {
          keys.add(p.nodeId());
          for (Ancestor a : p.ancestors()) {
            if (a.pid() != p.pid()) {
              break;
            }
            keys.add(a.nodeId());
          }
        }
        case DESCENDANT -> {
          keys.add(p.nodeId());
          for (Ancestor a : p.ancestors()) {
            keys.add(a.nodeId());
          }
        }
        case NAMED_IN_ARGV -> keys.addAll(argvNameKeys(v));
      }
    }
    List<PartialMatch> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String key : keys) {
      List<PartialMatch> loaded = w.load(key);
      for (int i = 0; i < loaded.size(); i++) {
        PartialMatch m = loaded.get(i);
        if (!m.isMarker()
            && m.ruleId().equals(rule.id())
            && m.matchedSteps() == matchedSteps
            && seen.add(m.alertId())) {
          found.add(m);
        }
      }
    }
    found.sort((a, b) -> a.alertId().compareTo(b.alertId()));
    return found;
  }

  private Set<String> placeKeys(Work w, Rule rule, PartialMatch m) {
    EventView v = w.view();
    int size = rule.steps().size();
    Set<LinkKind> links =
        m.matchedSteps() >= size ? completeLinks(rule) : rule.steps().get(m.matchedSteps()).links();
    Set<String> keys = new LinkedHashSet<>();
    for (LinkKind link : links) {
      switch (link) {
        case FLOW -> keys.addAll(v.flowTargets);
        case SAME_PROCESS, DESCENDANT -> keys.add(v.subject.nodeId());
        case NAMED_IN_ARGV -> {
          for (String path : v.paths) {
            keys.add(nameKey(v.host(), path));
          }
        }
      }
    }
    return keys;
  }

  private static List<String> argvNameKeys(EventView v) {
    List<String> keys = new ArrayList<>();
    String cwd = v.event.subject() == null ? null : v.event.subject().cwd();
    int n = 0;
    for (String arg : v.subject.argv()) {
      if (n++ >= EventView.MAX_ARGS) {
        break;
      }
      if (arg.isEmpty() || arg.length() > EventView.MAX_CMDLINE || arg.indexOf('/') < 0) {
        continue;
      }
      String path = PathNames.normalize(arg, cwd);
      if (path != null && path.startsWith("/")) {
        keys.add(nameKey(v.host(), path));
      }
    }
    return keys;
  }

  private static String nameKey(String host, String path) {
    return NAME_KEY + host + ":" + path;
  }

  private static long expiry(EventView v, Rule rule) {
    long t = v.event.timestampNanos();
    long within = rule.withinNanos();
    return t > Long.MAX_VALUE - within ? Long.MAX_VALUE : t + within;
  }

  /** The alert id of a chain of {@code ruleId} whose first event is {@code firstEventId}. */
  public static String alertId(String ruleId, String firstEventId) {
    return Uuid5.of(ALERT_NAMESPACE, ruleId + "\n" + firstEventId).toString();
  }

  private static AlertUpdate alert(Rule rule, PartialMatch m, EventView v) {
    double score =
        rule.score() != null
            ? rule.score()
            : Math.min(100, rule.severity().baseScore() + 2.0 * (m.chain().size() - 1));
    return new AlertUpdate(
        m.alertId(),
        rule.id(),
        rule.version(),
        rule.title(),
        rule.severity(),
        score,
        rule.techniques(),
        v.host(),
        m.firstNanos(),
        m.lastNanos(),
        m.chain());
  }

  private boolean current(PartialMatch m) {
    Rule r = rules.get(m.ruleId());
    return r != null && r.version() == m.ruleVersion();
  }

  private void add(Work w, String key, PartialMatch m) {
    List<PartialMatch> list = w.load(key);
    for (int i = 0; i < list.size(); i++) {
      PartialMatch old = list.get(i);
      if (old.sameSlot(m)) {
        if (m.chain().size() > old.chain().size()) {
          list.set(i, m);
          w.dirty.add(key);
        }
        return;
      }
      if (!m.isMarker()
          && !old.isMarker()
          && old.ruleId().equals(m.ruleId())
          && old.matchedSteps() == m.matchedSteps()
          && m.matchedSteps() < rules.get(m.ruleId()).steps().size()) {
        merged++;
        return;
      }
    }
    if (list.size() >= config.maxMatchesPerKey()) {
      int victim = 0;
      for (int i = 1; i < list.size(); i++) {
        if (weaker(list.get(i), list.get(victim))) {
          victim = i;
        }
      }
      capDropped++;
      if (weaker(m, list.get(victim))) {
        return;
      }
      list.remove(victim);
    }
    list.add(m);
    w.dirty.add(key);
  }

  private static boolean weaker(PartialMatch a, PartialMatch b) {
    if (a.matchedSteps() != b.matchedSteps()) {
      return a.matchedSteps() < b.matchedSteps();
    }
    if (a.expiresNanos() != b.expiresNanos()) {
      return a.expiresNanos() < b.expiresNanos();
    }
    return a.alertId().compareTo(b.alertId()) > 0;
  }

  /** Where a match goes after this event. */
  private record Placement(PartialMatch match, Collection<String> keys) {}

  /**
   * One event, the keys loaded and changed while processing it; reused from one event to the next.
   */
  private final class Work {
    SystemEvent event;
    GraphUpdate update;
    private EventView view;
    final Map<String, List<PartialMatch>> loaded = new HashMap<>();
    final Set<String> dirty = new LinkedHashSet<>();

    Work reset(SystemEvent nextEvent, GraphUpdate nextUpdate) {
      event = nextEvent;
      update = nextUpdate;
      view = null;
      loaded.clear();
      dirty.clear();
      return this;
    }

    /**
     * What rules test of the event, built when a rule is first tested on it: an event that only
     * carries partial matches along its edges, or that no rule's step names, never needs it.
     */
    EventView view() {
      if (view == null) {
        view = new EventView(event, update);
      }
      return view;
    }

    List<PartialMatch> load(String key) {
      List<PartialMatch> list = loaded.get(key);
      if (list != null) {
        return list;
      }
      List<PartialMatch> stored = store.get(key);
      list = new ArrayList<>(stored.size());
      long now = event.timestampNanos();
      for (int i = 0; i < stored.size(); i++) {
        PartialMatch m = stored.get(i);
        if (m.expiresNanos() >= now && current(m)) {
          list.add(m);
        } else {
          expired += isAlertKey(key) ? 0 : 1;
          dirty.add(key);
        }
      }
      loaded.put(key, list);
      return list;
    }

    void flush() {
      for (String key : dirty) {
        store.put(key, loaded.get(key));
      }
      loaded.clear();
      dirty.clear();
      event = null;
      update = null;
      view = null;
    }
  }
}
