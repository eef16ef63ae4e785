package dev.whence.app.broker;

/** The embedded broker could not start, or started but could not be made ready. */
public final class EmbeddedBrokerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message naming what failed and its cause. */
  public EmbeddedBrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
