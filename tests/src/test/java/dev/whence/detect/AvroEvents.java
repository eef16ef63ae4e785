package dev.whence.detect;

import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.Subject;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.model.SystemEvent;
import java.util.List;

/**
 * Minimal Avro {@code Event} to {@link SystemEvent} mapping for this test, field by field as
 * provenance-graph/README.md describes it. The topology's own mapper replaces it once merged.
 */
final class AvroEvents {
  private AvroEvents() {}

  static SystemEvent toSystemEvent(Event e) {
    return new SystemEvent(
        e.getId(),
        e.getHost(),
        e.getBoot(),
        e.getSequence(),
        e.getTimestampNanos(),
        Operation.valueOf(e.getOperation().name()),
        e.getSuccess(),
        e.getReturnValue(),
        e.getFlags(),
        e.getSize(),
        subject(e.getSubject()),
        object(e.getObject1()),
        object(e.getObject2()));
  }

  private static ProcessInfo subject(Subject s) {
    List<String> argv = s.getArgv() == null ? List.of() : s.getArgv();
    return new ProcessInfo(
        s.getPid(),
        s.getTid(),
        s.getPpid(),
        s.getUid(),
        s.getEuid(),
        s.getGid(),
        s.getEgid(),
        s.getAuid(),
        s.getSessionId(),
        s.getComm(),
        s.getExe(),
        argv,
        s.getCwd());
  }

  private static ObjectRef object(EventObject o) {
    if (o == null) {
      return null;
    }
    return new ObjectRef(
        ObjectKind.valueOf(o.getKind().name()),
        o.getPath(),
        o.getInode(),
        o.getDevice(),
        o.getFd(),
        o.getFamily(),
        o.getProtocol(),
        o.getLocalAddress(),
        o.getLocalPort(),
        o.getRemoteAddress(),
        o.getRemotePort(),
        o.getPid(),
        o.getPrincipalId());
  }
}
