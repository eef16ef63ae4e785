package dev.whence.collector.linux.live;

/**
 * This host cannot give Whence its kernel audit records as asked; the message says what is missing
 * and how to fix it (e.g. "whence up needs root: run sudo ./whence up").
 */
public final class AuditUnavailableException extends Exception {

  public AuditUnavailableException(String message) {
    super(message);
  }

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
