package dev.whence.collector.linux;

/**
 * A line that is not a valid audit record; {@link #reasonCode()} is stable, the message precise.
 */
public final class AuditParseException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reasonCode;

  /** Creates the exception with a stable reason code and a precise message. */
  public AuditParseException(String reasonCode, String message) {
    super(message, null, false, false);
    this.reasonCode = reasonCode;
  }

  /** Stable reason code: MALFORMED_LINE, BAD_HEX, TOO_LONG, ABSURD_LENGTH, CONTROL_CHARACTER... */
  public String reasonCode() {
    return reasonCode;
  }
}
