package dev.whence.topology.graph;

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
 * Maps the Avro {@link Event} onto the domain's {@link SystemEvent}, field by field; the domain
 * never sees Avro. Values are copied as they are: the builder validates them.
 */
public final class EventMapper {

  private static final Operation[] OPERATIONS = Operation.values();
  private static final ObjectKind[] KINDS = ObjectKind.values();

  private EventMapper() {}

  /** The domain event of {@code event}. */
  public static SystemEvent toSystemEvent(Event event) {
    return new SystemEvent(
        text(event.getId()),
        text(event.getHost()),
        text(event.getBoot()),
        event.getSequence(),
        event.getTimestampNanos(),
        operation(event.getOperation()),
        event.getSuccess(),
        event.getReturnValue(),
        event.getFlags(),
        event.getSize(),
        subject(event.getSubject()),
        object(event.getObject1()),
        object(event.getObject2()));
  }

  /** The domain operation of the same name (the enums share their symbols). */
  static Operation operation(dev.whence.avro.Operation operation) {
    if (operation == null) {
      return null;
    }
    int ordinal = operation.ordinal();
    Operation same = ordinal < OPERATIONS.length ? OPERATIONS[ordinal] : null;
    return same != null && same.name().equals(operation.name())
        ? same
        : Operation.valueOf(operation.name());
  }

  private static ObjectKind kind(dev.whence.avro.ObjectKind kind) {
    if (kind == null) {
      return ObjectKind.UNKNOWN;
    }
    int ordinal = kind.ordinal();
    ObjectKind same = ordinal < KINDS.length ? KINDS[ordinal] : null;
    return same != null && same.name().equals(kind.name()) ? same : ObjectKind.valueOf(kind.name());
  }

  private static ProcessInfo subject(Subject s) {
    if (s == null) {
      return null;
    }
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
        text(s.getComm()),
        text(s.getExe()),
        argv(s.getArgv()),
        text(s.getCwd()));
  }

  private static List<String> argv(List<? extends CharSequence> argv) {
    if (argv == null || argv.isEmpty()) {
      return List.of();
    }
    String[] out = new String[argv.size()];
    int i = 0;
    for (CharSequence a : argv) {
      out[i++] = a == null ? "" : a.toString();
    }
    return List.of(out);
  }

  private static ObjectRef object(EventObject o) {
    if (o == null) {
      return null;
    }
    return new ObjectRef(
        kind(o.getKind()),
        text(o.getPath()),
        o.getInode(),
        text(o.getDevice()),
        o.getFd(),
        text(o.getFamily()),
        text(o.getProtocol()),
        text(o.getLocalAddress()),
        o.getLocalPort(),
        text(o.getRemoteAddress()),
        o.getRemotePort(),
        o.getPid(),
        o.getPrincipalId());
  }

  private static String text(CharSequence value) {
    return value == null ? null : value.toString();
  }
}
