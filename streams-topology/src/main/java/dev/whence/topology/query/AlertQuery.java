package dev.whence.topology.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * The parameters of {@code GET /api/alerts}: alerts whose last event is at or after {@code
 * sinceNanos}, newest first, at most {@code limit}.
 */
public record AlertQuery(long sinceNanos, int limit) {

  /** Default number of alerts answered. */
  public static final int DEFAULT_LIMIT = 100;

  /** Largest number of alerts answered. */
  public static final int MAX_LIMIT = 10_000;

  /** Newest last event first, then by id. */
  public static final Comparator<AlertView> NEWEST_FIRST =
      Comparator.comparingLong(AlertView::lastSeen).reversed().thenComparing(AlertView::id);

  /** Validates the bounds. */
  public AlertQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ", got " + limit);
    }
  }

  /** Every alert, the default number. */
  public static AlertQuery all() {
    return new AlertQuery(Long.MIN_VALUE, DEFAULT_LIMIT);
  }

  /**
   * Parses {@code since} (nanoseconds since the epoch, or an ISO-8601 instant) and {@code limit};
   * either may be null or empty.
   */
  public static AlertQuery parse(String since, String limit) {
    long s = Long.MIN_VALUE;
    if (since != null && !since.isEmpty()) {
      if (since.matches("-?\\d{1,19}")) {
        try {
          s = Long.parseLong(since);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("since out of range: " + since);
        }
      } else {
        try {
          Instant t = Instant.parse(since);
          s = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
          throw new IllegalArgumentException(
              "since must be nanoseconds since the epoch or an ISO-8601 instant");
        }
      }
    }
    int l = DEFAULT_LIMIT;
    if (limit != null && !limit.isEmpty()) {
      if (!limit.matches("\\d{1,9}")) {
        throw new IllegalArgumentException("limit must be a positive integer");
      }
      l = Integer.parseInt(limit);
    }
    return new AlertQuery(s, l);
  }

  /** Whether an alert is within the bound. */
  public boolean admits(AlertView a) {
    return a.lastSeen() >= sinceNanos;
  }

  /** The admitted alerts, newest first, at most {@code limit}. */
  public List<AlertView> select(List<AlertView> alerts) {
    return alerts.stream().filter(this::admits).sorted(NEWEST_FIRST).limit(limit).toList();
  }

  /** The query string of this query for a remote instance. */
  String queryString() {
    return (sinceNanos == Long.MIN_VALUE ? "" : "since=" + sinceNanos + "&") + "limit=" + limit;
  }
}
