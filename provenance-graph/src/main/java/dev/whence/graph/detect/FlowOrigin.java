package dev.whence.graph.detect;

/** Where information of a {@link LinkKind#FLOW} link must have arrived before the event. */
public enum FlowOrigin {
  /** At the acting process or at any object of the event. */
  ANY,
  /** At the acting process. */
  SUBJECT,
  /** At an object of the event (the file executed, the file read, the socket). */
  OBJECT
}
