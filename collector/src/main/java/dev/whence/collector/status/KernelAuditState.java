package dev.whence.collector.status;

/**
 * The kernel's own audit figures, each null when the source cannot tell.
 *
 * @param lost the kernel's lost-record counter
 * @param backlog records waiting in the kernel queue
 * @param backlogLimit the kernel queue's limit
 */
public record KernelAuditState(Long lost, Long backlog, Long backlogLimit) {

  /** Nothing known. */
  public static final KernelAuditState UNKNOWN = new KernelAuditState(null, null, null);
}
