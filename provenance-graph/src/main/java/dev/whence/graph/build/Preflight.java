package dev.whence.graph.build;

import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.SystemEvent;

/**
 * Checks an event before it touches the state: identity fields first (without them it cannot even
 * be de-duplicated), then what its operation needs. Returns null when the event can be applied.
 */
final class Preflight {
  static final int MAX_ID = 256;
  static final int MAX_PATH = 16_384;
  static final int CLONE_THREAD = 0x00010000;

  private Preflight() {}

  /** Checks the fields that identify the event (needed to de-duplicate it). */
  static Rejection identity(SystemEvent e) {
    if (e.eventId() == null || e.eventId().isBlank()) {
      return missing("eventId");
    }
    if (e.host() == null || e.host().isBlank()) {
      return missing("host");
    }
    if (e.boot() == null || e.boot().isBlank()) {
      return missing("boot");
    }
    Rejection tooLong = tooLongId("eventId", e.eventId());
    tooLong = tooLong != null ? tooLong : tooLongId("host", e.host());
    return tooLong != null ? tooLong : tooLongId("boot", e.boot());
  }

  /** Checks the operation and the subject. */
  static Rejection subject(SystemEvent e) {
    if (e.operation() == null) {
      return missing("operation");
    }
    if (e.subject() == null) {
      return missing("subject");
    }
    if (e.subject().pid() == null) {
      return missing("subject.pid");
    }
    if (e.subject().pid() < 0) {
      return new Rejection(
          RejectionCode.INVALID_PID, "subject.pid is negative: " + e.subject().pid());
    }
    Rejection tooLong = tooLong("subject.exe", e.subject().exe());
    tooLong = tooLong != null ? tooLong : tooLong("subject.cwd", e.subject().cwd());
    tooLong = tooLong != null ? tooLong : tooLong("object1", e.object1());
    return tooLong != null ? tooLong : tooLong("object2", e.object2());
  }

  private static Rejection tooLong(String name, ObjectRef o) {
    if (o == null) {
      return null;
    }
    Rejection r = tooLong(name, ".path", o.path());
    r = r != null ? r : tooLong(name, ".localAddress", o.localAddress());
    r = r != null ? r : tooLong(name, ".remoteAddress", o.remoteAddress());
    r = r != null ? r : tooLong(name, ".device", o.device());
    r = r != null ? r : tooLong(name, ".family", o.family());
    return r != null ? r : tooLong(name, ".protocol", o.protocol());
  }

  private static Rejection tooLong(String field, String value) {
    return tooLong(field, "", value);
  }

  /** The field is named {@code owner + member}, joined only when it is refused. */
  private static Rejection tooLong(String owner, String member, String value) {
    if (value == null || value.length() <= MAX_PATH) {
      return null;
    }
    return new Rejection(
        RejectionCode.FIELD_TOO_LONG,
        owner + member + " has " + value.length() + " characters, more than " + MAX_PATH);
  }

  /** Checks what a successful operation needs; the context has no subject resolved yet. */
  static Rejection operation(EventContext ctx) {
    SystemEvent e = ctx.event;
    if (!Operations.succeeded(e)) {
      return null;
    }
    ObjectRef o1 = e.object1();
    return switch (e.operation()) {
      case FORK, CLONE ->
          childPid(e) == null && !isThread(e)
              ? new Rejection(
                  RejectionCode.MISSING_CHILD_PID,
                  e.operation()
                      + " succeeded but names no child: object1.pid is missing and returnValue is "
                      + e.returnValue())
              : null;
      case OPEN, TRUNCATE, MODIFY_FILE_ATTRIBUTES, UNLINK, LOADLIBRARY, MOUNT, UMOUNT ->
          needResolvable(ctx, o1, "object1");
      case READ, WRITE, SENDTO, RECVFROM, SENDMSG, RECVMSG -> needResolvable(ctx, o1, "object1");
      case RENAME, LINK -> {
        Rejection old = needResolvable(ctx, o1, "object1");
        if (old != null) {
          yield old;
        }
        ObjectRef o2 = e.object2();
        yield o2 == null || o2.path() == null || o2.path().isEmpty()
            ? new Rejection(
                RejectionCode.MISSING_OBJECT,
                e.operation() + " needs the new name in object2.path; got " + describe(o2))
            : null;
      }
      case CONNECT ->
          o1 == null || (o1.remoteAddress() == null && o1.path() == null)
              ? new Rejection(
                  RejectionCode.MISSING_OBJECT,
                  "CONNECT needs object1 with a remote address or socket path; got " + describe(o1))
              : null;
      case SIGNAL, PTRACE ->
          o1 == null || o1.pid() == null
              ? new Rejection(
                  RejectionCode.MISSING_OBJECT,
                  e.operation() + " needs the target process in object1.pid; got " + describe(o1))
              : null;
      case LOADMODULE ->
          Operations.moduleName(ctx) == null
              ? new Rejection(
                  RejectionCode.MISSING_OBJECT,
                  "LOADMODULE names neither a module (object of kind MODULE with a path) nor a"
                      + " module file; object1 is "
                      + describe(o1))
              : null;
      default -> null;
    };
  }

  static Integer childPid(SystemEvent e) {
    ObjectRef o1 = e.object1();
    if (o1 != null && o1.pid() != null && o1.pid() > 0) {
      return o1.pid();
    }
    Long rv = e.returnValue();
    return rv != null && rv > 0 && rv <= Integer.MAX_VALUE ? Integer.valueOf(rv.intValue()) : null;
  }

  static boolean isThread(SystemEvent e) {
    return e.operation() == dev.whence.graph.model.Operation.CLONE
        && e.flags() != null
        && (e.flags() & CLONE_THREAD) != 0;
  }

  private static Rejection needResolvable(EventContext ctx, ObjectRef object, String field) {
    if (Resolved.resolvable(ctx, object)) {
      return null;
    }
    if (object != null && object.fd() != null) {
      return new Rejection(
          RejectionCode.UNRESOLVED_DESCRIPTOR,
          ctx.event.operation()
              + " on descriptor "
              + object.fd()
              + " of pid "
              + ctx.event.subject().pid()
              + ": the descriptor was not opened in this trace and "
              + field
              + " has no path, inode or address");
    }
    return new Rejection(
        RejectionCode.MISSING_OBJECT,
        ctx.event.operation()
            + " needs "
            + field
            + " with a descriptor, path, inode or address; got "
            + describe(object));
  }

  private static Rejection tooLongId(String field, String value) {
    return value.length() > MAX_ID
        ? new Rejection(
            RejectionCode.FIELD_TOO_LONG,
            field + " has " + value.length() + " characters, more than " + MAX_ID)
        : null;
  }

  private static Rejection missing(String field) {
    return new Rejection(RejectionCode.MISSING_FIELD, field + " is missing or blank");
  }

  private static String describe(ObjectRef o) {
    if (o == null) {
      return "none";
    }
    return "an object of kind " + o.kind() + " without the needed fields";
  }
}
