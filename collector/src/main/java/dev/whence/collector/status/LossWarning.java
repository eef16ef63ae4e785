package dev.whence.collector.status;

import java.util.Objects;
import org.slf4j.event.Level;

/**
 * A loss signal of the heartbeat that rose since the previous heartbeat, ready to be logged.
 *
 * @param level level to log it at
 * @param figure the heartbeat field that rose ({@code missingSequences}, {@code kernelLost}, ...)
 * @param rise how much it rose since the previous heartbeat
 * @param total its value in this heartbeat
 * @param message the complete log message
 */
public record LossWarning(Level level, String figure, long rise, long total, String message) {

  /** Checks that level, figure and message are present. */
  public LossWarning {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(figure, "figure");
    Objects.requireNonNull(message, "message");
  }
}
