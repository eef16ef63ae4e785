package dev.whence.graph.build;

import dev.whence.graph.identity.PathNames;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.GraphState;
import dev.whence.graph.state.ProcessEntry;

/** Everything one event is applied with: the event, the state port, the bounds and the output. */
final class EventContext {
  final SystemEvent event;
  final GraphState state;
  final GraphConfig config;
  final UpdateSink out;
  ProcessEntry subject;

  EventContext(SystemEvent event, GraphState state, GraphConfig config) {
    this.event = event;
    this.state = state;
    this.config = config;
    this.out = new UpdateSink(event);
  }

  String host() {
    return event.host();
  }

  String boot() {
    return event.boot();
  }

  long time() {
    return event.timestampNanos();
  }

  long sequence() {
    return event.sequence();
  }

  String eventId() {
    return event.eventId();
  }

  String subjectNode() {
    return subject.image().nodeId();
  }

  /** The object's path made absolute against the subject's working directory, or null. */
  String pathOf(ObjectRef object) {
    if (object == null || object.path() == null || object.path().isEmpty()) {
      return null;
    }
    return PathNames.normalize(object.path(), event.subject().cwd());
  }

  long touchGranularityNanos() {
    return config.touchGranularity().toNanos();
  }
}
