package dev.whence.collector.linux;

import java.time.Duration;

/**
 * Bounds of the event assembler.
 *
 * @param recordTimeout close an event when records this much newer (by their own timestamps) and at
 *     least 1024 further records have arrived; covers logs without EOE records
 * @param idleTimeout close an event when the injected clock has moved this far past its first
 *     record's arrival (see {@link AuditEventAssembler#tick()}); covers a quiet live source
 * @param maxEventsInFlight most open events; beyond it the oldest is closed
 * @param maxRecordsPerEvent most records in one event; further records are refused
 */
public record AssemblerConfig(
    Duration recordTimeout, Duration idleTimeout, int maxEventsInFlight, int maxRecordsPerEvent) {

  /** Defaults: 2 s record timeout, 2 s idle timeout, 20 000 events in flight, 10 000 records. */
  public static final AssemblerConfig DEFAULT =
      new AssemblerConfig(Duration.ofSeconds(2), Duration.ofSeconds(2), 20_000, 10_000);

  /** Validates the bounds. */
  public AssemblerConfig {
    if (recordTimeout.isNegative() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must not be negative");
    }
    if (maxEventsInFlight < 1 || maxRecordsPerEvent < 1) {
      throw new IllegalArgumentException(
          "maxEventsInFlight and maxRecordsPerEvent must be positive, got "
              + maxEventsInFlight
              + " and "
              + maxRecordsPerEvent);
    }
  }
}
