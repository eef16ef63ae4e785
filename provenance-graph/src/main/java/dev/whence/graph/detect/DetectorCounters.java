package dev.whence.graph.detect;

/**
 * Running totals of a {@link Detector}, for metrics.
 *
 * @param started chains started by an event matching a first step
 * @param advanced chains that matched one more step
 * @param alertsRaised alerts created (once per alert id)
 * @param alertsGrown updates of an alert already reported
 * @param suppressed events that matched a step but a suppression covered
 * @param merged new chains not kept because one of the same rule waited at the same place
 * @param expired partial matches dropped because their time bound passed
 * @param capDropped partial matches dropped because a key held its maximum
 * @param propagated partial matches copied along an edge
 */
public record DetectorCounters(
    long started,
    long advanced,
    long alertsRaised,
    long alertsGrown,
    long suppressed,
    long merged,
    long expired,
    long capDropped,
    long propagated) {

  // Written out: the generated equals goes through method handles, and the graph compares the
  // counters after every event. The generated hashCode agrees with it (same fields).
  @Override
  public boolean equals(Object o) {
    return o instanceof DetectorCounters c
        && started == c.started
        && advanced == c.advanced
        && alertsRaised == c.alertsRaised
        && alertsGrown == c.alertsGrown
        && suppressed == c.suppressed
        && merged == c.merged
        && expired == c.expired
        && capDropped == c.capDropped
        && propagated == c.propagated;
  }
}
