package dev.whence.app.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whence.topology.query.AlertView;
import dev.whence.topology.query.GraphFigures;
import dev.whence.topology.query.HostStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

  /** Writes the alerts, oldest first, each with its chain one line per step. */
  public static void printAlerts(List<AlertView> alerts, PrintWriter out) {
    out.printf("%nAlerts: %d%n", alerts.size());
    List<AlertView> byTime =
        alerts.stream()
            .sorted(Comparator.comparingLong(AlertView::firstSeen).thenComparing(AlertView::id))
            .toList();
    for (AlertView a : byTime) {
      out.printf(
          "%n[%s] %s (rule %s v%d, score %.0f)%n",
          a.severity(),
          TerminalText.safe(a.title()),
          TerminalText.safe(a.rule()),
          a.ruleVersion(),
          a.score());
      out.printf(
          "  techniques %s; host %s; %s .. %s%n",
          a.techniques().isEmpty() ? "-" : TerminalText.safe(String.join(", ", a.techniques())),
          TerminalText.safe(a.host()),
          time(a.firstSeen()),
          time(a.lastSeen()));
      for (AlertView.Step step : a.chain()) {
        out.printf("    %s  %s%n", time(step.ts()), step(step));
      }
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
