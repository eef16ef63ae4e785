package dev.whence.collector.publish;

/**
 * Told once when a non-retriable failure stops the publisher. Records not yet acknowledged are kept
 * in the spool and are sent by the next publisher opened on the same spool directory, once the
 * cause (permissions, broker limits, configuration) is fixed.
 */
@FunctionalInterface
public interface FailureListener {

  /** Called from the publisher's drainer thread or from the thread calling {@code event}. */
  void failed(PublishFailure failure);
}
