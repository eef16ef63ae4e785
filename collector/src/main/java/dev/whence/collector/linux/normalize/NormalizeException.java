package dev.whence.collector.linux.normalize;

/** An assembled event that cannot be mapped to an Avro Event; the code is stable. */
public final class NormalizeException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reasonCode;

  /** Creates the exception with a stable reason code and a precise message. */
  public NormalizeException(String reasonCode, String message) {
    super(message, null, false, false);
    this.reasonCode = reasonCode;
  }

  /** Stable reason code, e.g. NO_RECORDS. */
  public String reasonCode() {
    return reasonCode;
  }
}
