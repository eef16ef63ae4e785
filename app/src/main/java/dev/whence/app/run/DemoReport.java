package dev.whence.app.run;

import dev.whence.topology.query.HostStats;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Map;

/** Prints what a demo run found, for a person reading a terminal. */
public final class DemoReport {

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
      host.operations().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
          .forEach(e -> out.printf("  %-24s %,10d%n", e.getKey(), e.getValue()));
    }
    out.printf(
        "%nAlerts: %d (the detection rules are not part of this build yet)%n",
        outcome.stats().alerts());
    out.flush();
  }
}
