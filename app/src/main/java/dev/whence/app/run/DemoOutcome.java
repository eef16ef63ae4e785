package dev.whence.app.run;

import dev.whence.topology.query.AlertView;
import dev.whence.topology.query.Stats;
import java.time.Duration;
import java.util.List;

/**
 * What a demo run found.
 *
 * @param replayed what was published
 * @param stats the topology's statistics once it had processed everything
 * @param httpPort port of the query service
 * @param elapsed time from start to the last event processed
 * @param alerts the alerts raised, newest first
 */
public record DemoOutcome(
    ReplayResult replayed, Stats stats, int httpPort, Duration elapsed, List<AlertView> alerts) {

  /** Copies the alerts. */
  public DemoOutcome {
    alerts = List.copyOf(alerts);
  }
}
