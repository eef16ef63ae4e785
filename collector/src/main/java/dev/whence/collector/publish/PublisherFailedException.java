package dev.whence.collector.publish;

/** Thrown by the publisher's input methods after a non-retriable failure stopped it. */
public final class PublisherFailedException extends IllegalStateException {

  private final transient PublishFailure failure;

  /** Wraps the failure that stopped the publisher. */
  public PublisherFailedException(PublishFailure failure) {
    super(
        "publisher stopped by a "
            + failure.kind()
            + " failure on "
            + failure.topic()
            + ": "
            + failure.message(),
        failure.cause());
    this.failure = failure;
  }

  /** The failure that stopped the publisher. */
  public PublishFailure failure() {
    return failure;
  }
}
