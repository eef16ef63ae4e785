package dev.whence.graph.detect;

/** How an event matching a step must relate to the events that matched the previous steps. */
public enum LinkKind {
  /** Information flowed from the previous step's objects or process into this event. */
  FLOW,
  /** The same process (any of its images: exec keeps the process). */
  SAME_PROCESS,
  /** The same process or one of its descendants. */
  DESCENDANT,
  /**
   * The acting process names, in its command line, a path that the previous step acted on (for
   * traces without read events, such as {@code cp /tmp/x /usr/bin/x}).
   */
  NAMED_IN_ARGV
}
