package dev.whence.app.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whence.avro.Severity;
import dev.whence.topology.query.AlertView;
import dev.whence.topology.query.GraphFigures;
import dev.whence.topology.query.HostStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints what a demo run found, for a person reading a terminal. */
public final class DemoReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoReport() {}

  /** Writes the human-readable summary of {@code outcome}. */
  public static void print(DemoOutcome outcome, PrintWriter out) {
    ReplayResult r = outcome.replayed();
    out.printf(
        "Replayed %s: %,d lines -> %,d events, %,d rejected inputs (dead-letter topic)%n",
        r.source(), r.lines(), r.events(), r.rejected());
    out.printf(
        "Processed by the topology in %.1f s (broker start included): %,d events in, %,d rejected, %,d lost, kernel lost %,d%n",
        outcome.elapsed().toMillis() / 1000.0,
        outcome.stats().eventsIn(),
        outcome.stats().rejected(),
        outcome.stats().eventsLost(),
        outcome.stats().kernelLost());
    for (HostStats host : outcome.stats().hosts()) {
      out.printf("%nHost %s: %,d events%n", host.host(), host.eventsIn());
      printCounts(host.operations(), out);
    }
    GraphFigures graph = outcome.stats().graph();
    out.printf(
        "%nProvenance graph: %,d node records, %,d edges; %,d events refused, %,d duplicates, %,d connections stitched across hosts%n",
        sum(graph.nodes()),
        sum(graph.edges()),
        graph.rejected(),
        graph.duplicates(),
        graph.stitched());
    out.println(" nodes by kind:");
    printCounts(graph.nodes(), out);
    out.println(" edges by operation:");
    printCounts(graph.edges(), out);
    printAlerts(outcome.alerts(), out);
    out.flush();
  }

  private static void printCounts(Map<String, Long> counts, PrintWriter out) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> out.printf("  %-24s %,10d%n", e.getKey(), e.getValue()));
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Writes the alerts grouped by incident, incidents by their first event: each incident's header
   * (alerts, highest severity, hosts, time span), then per rule its first alert with its chain one
   * line per step, and one line for the further alerts of that rule in the incident.
   */
  public static void printAlerts(List<AlertView> alerts, PrintWriter out) {
    List<List<AlertView>> incidents = incidents(alerts);
    out.printf("%nAlerts: %d in %d incidents%n", alerts.size(), incidents.size());
    int n = 0;
    for (List<AlertView> incident : incidents) {
      n++;
      AlertView first = incident.get(0);
      String highest =
          incident.stream()
              .map(AlertView::severity)
              .max(Comparator.comparingInt(DemoReport::severityRank))
              .orElse("?");
      String hosts =
          incident.stream()
              .map(a -> TerminalText.safe(a.host()))
              .distinct()
              .sorted()
              .collect(Collectors.joining(", "));
      long last = incident.stream().mapToLong(AlertView::lastSeen).max().orElse(first.lastSeen());
      out.printf(
          "%n=== Incident %d (%s): %d alert%s, highest %s, host%s %s, %s .. %s%n",
          n,
          first.incidentId() == null ? "not grouped" : TerminalText.safe(first.incidentId()),
          incident.size(),
          incident.size() == 1 ? "" : "s",
          TerminalText.safe(highest),
          hosts.contains(",") ? "s" : "",
          hosts,
          time(first.firstSeen()),
          time(last));
      Map<String, List<AlertView>> byRule = new LinkedHashMap<>();
      for (AlertView a : incident) {
        byRule.computeIfAbsent(a.rule(), r -> new ArrayList<>()).add(a);
      }
      for (List<AlertView> ofRule : byRule.values()) {
        printAlert(ofRule.get(0), out);
        if (ofRule.size() > 1) {
          List<AlertView> more = ofRule.subList(1, ofRule.size());
          out.printf(
              "    + %d more alert%s of this rule, by %s, until %s%n",
              more.size(),
              more.size() == 1 ? "" : "s",
              TerminalText.safe(actors(more)),
              time(more.stream().mapToLong(AlertView::lastSeen).max().orElse(0)));
        }
      }
    }
  }

  /** Alerts grouped by incident id (an alert without one is alone), oldest first throughout. */
  static List<List<AlertView>> incidents(List<AlertView> alerts) {
    Comparator<AlertView> byTime =
        Comparator.comparingLong(AlertView::firstSeen).thenComparing(AlertView::id);
    Map<String, List<AlertView>> groups = new LinkedHashMap<>();
    for (AlertView a : alerts.stream().sorted(byTime).toList()) {
      String key = a.incidentId() == null ? "alert:" + a.id() : a.incidentId();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
    }
    return new ArrayList<>(groups.values());
  }

  private static void printAlert(AlertView a, PrintWriter out) {
    out.printf(
        "%n  [%s] %s (rule %s v%d, score %.0f)%n",
        a.severity(),
        TerminalText.safe(a.title()),
        TerminalText.safe(a.rule()),
        a.ruleVersion(),
        a.score());
    out.printf(
        "    techniques %s; host %s; %s .. %s%n",
        a.techniques().isEmpty() ? "-" : TerminalText.safe(String.join(", ", a.techniques())),
        TerminalText.safe(a.host()),
        time(a.firstSeen()),
        time(a.lastSeen()));
    for (AlertView.Step step : a.chain()) {
      out.printf("      %s  %s%n", time(step.ts()), step(step));
    }
  }

  /** The processes that ended the chains of {@code alerts}: pid and program, at most five. */
  private static String actors(List<AlertView> alerts) {
    List<String> names =
        alerts.stream()
            .map(a -> a.chain().isEmpty() ? null : a.chain().get(a.chain().size() - 1).subject())
            .filter(java.util.Objects::nonNull)
            .map(p -> "pid " + p.pid() + " " + (p.exe() == null ? "?" : p.exe()))
            .distinct()
            .toList();
    String shown = String.join(", ", names.subList(0, Math.min(5, names.size())));
    return names.size() > 5 ? shown + ", ..." : shown;
  }

  private static int severityRank(String severity) {
    try {
      return Severity.valueOf(severity).ordinal();
    } catch (IllegalArgumentException | NullPointerException e) {
      return -1;
    }
  }

  /** Writes one JSON alert per line, in the shape of {@code GET /api/alerts}. */
  public static void printJson(List<AlertView> alerts, PrintWriter out) throws IOException {
    for (AlertView a : alerts) {
      out.println(JSON.writeValueAsString(a));
    }
    out.flush();
  }

  private static String step(AlertView.Step step) {
    AlertView.Subject p = step.subject();
    StringBuilder line =
        new StringBuilder()
            .append(String.format("%-16s", step.op()))
            .append(" pid ")
            .append(p.pid())
            .append(' ')
            .append(TerminalText.safe(p.exe()));
    if (p.cmdline() != null) {
      line.append(" [").append(TerminalText.safe(p.cmdline())).append(']');
    }
    AlertView.Target o = step.object();
    if (o != null) {
      line.append(" -> ").append(o.kind()).append(' ').append(TerminalText.safe(o.name()));
    }
    return line.toString();
  }

  private static String time(long nanos) {
    return Instant.ofEpochSecond(0, nanos).toString();
  }
}
