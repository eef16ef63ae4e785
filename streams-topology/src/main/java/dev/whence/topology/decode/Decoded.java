package dev.whence.topology.decode;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;

/**
 * The outcome of decoding one record of {@code whence.events}: an event, or the input refused with
 * its reason. Exactly one of the two is present.
 */
public sealed interface Decoded {

  /** A well-formed event. */
  record Accepted(Event event) implements Decoded {}

  /** Input that cannot be an event, bound for the dead-letter topic. */
  record Refused(RejectedInput rejection) implements Decoded {}

  /** Whether this is an accepted event. */
  default boolean accepted() {
    return this instanceof Accepted;
  }
}
