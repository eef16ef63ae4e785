package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.model.ObjectRef;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.ProcessInfo;
import dev.whence.graph.model.SystemEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectionTest {
  private final Trace t = new Trace("host-a");
  private final Graph g = new Graph();

  private static ProcessInfo pid(Integer pid) {
    return new ProcessInfo(
        pid, null, null, null, null, null, null, null, null, null, null, List.of(), null);
  }

  @Test
  void aMissingSubjectPidIsRejectedWithItsReason() {
    GraphUpdate update =
        g.apply(t.event(Operation.READ, pid(null), ObjectRef.file("/x"), null, 0L, null, true));

    assertThat(update.rejection().code()).isEqualTo(RejectionCode.MISSING_FIELD);
    assertThat(update.rejection().reason()).isEqualTo("subject.pid is missing or blank");
    assertThat(update.nodes()).isEmpty();
    assertThat(update.edges()).isEmpty();
  }

  @Test
  void aNegativePidIsRejected() {
    GraphUpdate update = g.apply(t.event(Operation.EXIT, pid(-4), null, null, 0L, null, true));

    assertThat(update.rejection().code()).isEqualTo(RejectionCode.INVALID_PID);
    assertThat(update.rejection().reason()).contains("-4");
  }

  @Test
  void missingIdentityFieldsAreRejected() {
    SystemEvent good = t.exit(1);
    SystemEvent noHost =
        new SystemEvent(
            good.eventId(),
            " ",
            good.boot(),
            good.sequence(),
            good.timestampNanos(),
            good.operation(),
            true,
            null,
            null,
            null,
            good.subject(),
            null,
            null);
    SystemEvent noOperation =
        new SystemEvent(
            good.eventId(),
            good.host(),
            good.boot(),
            good.sequence(),
            good.timestampNanos(),
            null,
            true,
            null,
            null,
            null,
            good.subject(),
            null,
            null);

    assertThat(g.apply(noHost).rejection().reason()).isEqualTo("host is missing or blank");
    assertThat(g.apply(noOperation).rejection().reason())
        .isEqualTo("operation is missing or blank");
    assertThat(g.apply(null).rejection().code()).isEqualTo(RejectionCode.MISSING_FIELD);
  }

  @Test
  void anOverlongHostIsRejected() {
    SystemEvent good = t.exit(1);
    SystemEvent event =
        new SystemEvent(
            good.eventId(),
            "h".repeat(1000),
            good.boot(),
            good.sequence(),
            good.timestampNanos(),
            good.operation(),
            true,
            null,
            null,
            null,
            good.subject(),
            null,
            null);

    assertThat(g.apply(event).rejection().code()).isEqualTo(RejectionCode.FIELD_TOO_LONG);
  }

  @Test
  void anOverlongPathIsRejectedBeforeItReachesTheState() {
    GraphUpdate update =
        g.apply(t.open(100, "/" + "a".repeat(Preflight.MAX_PATH), 3, Trace.O_RDONLY));

    assertThat(update.rejection().code()).isEqualTo(RejectionCode.FIELD_TOO_LONG);
    assertThat(update.rejection().reason()).startsWith("object1.path has 16385 characters");
    assertThat(g.state.sizes().aliases()).isZero();
  }

  @Test
  void aForkWithoutAChildIsRejected() {
    GraphUpdate update = g.apply(t.event(Operation.FORK, 100, null, null, null, null));

    assertThat(update.rejection().code()).isEqualTo(RejectionCode.MISSING_CHILD_PID);
  }

  @Test
  void dataOperationsWithoutAnObjectAreRejected() {
    GraphUpdate update = g.apply(t.event(Operation.WRITE, 100, null, null, 10L, null));

    assertThat(update.rejection().code()).isEqualTo(RejectionCode.MISSING_OBJECT);
    assertThat(update.rejection().reason()).startsWith("WRITE needs object1");
  }

  @Test
  void renameWithoutTheNewNameIsRejected() {
    GraphUpdate update =
        g.apply(t.event(Operation.RENAME, 100, ObjectRef.file("/a"), null, 0L, null));

    assertThat(update.rejection().code()).isEqualTo(RejectionCode.MISSING_OBJECT);
    assertThat(update.rejection().reason()).contains("object2.path");
  }

  @Test
  void connectWithoutAnAddressAndSignalWithoutATargetAreRejected() {
    assertThat(
            g.apply(
                    t.event(
                        Operation.CONNECT,
                        100,
                        ObjectRef.descriptor(ObjectKind.SOCKET, 3),
                        null,
                        0L,
                        null))
                .rejection()
                .code())
        .isEqualTo(RejectionCode.MISSING_OBJECT);
    assertThat(g.apply(t.event(Operation.SIGNAL, 100, null, null, 0L, null)).rejection().code())
        .isEqualTo(RejectionCode.MISSING_OBJECT);
  }

  @Test
  void aRejectedEventLeavesNoProcessBehind() {
    g.apply(t.event(Operation.WRITE, 100, null, null, 10L, null));

    assertThat(g.builder.process("host-a", 100)).isEmpty();
    assertThat(g.builder.counters().rejected()).isEqualTo(1);
  }

  @Test
  void aFailedOperationRecordsTheProcessButNoFlow() {
    GraphUpdate update =
        g.apply(
            t.event(
                Operation.OPEN,
                t.subject(100),
                ObjectRef.file("/etc/shadow"),
                null,
                -13L,
                0L,
                false));

    assertThat(update.rejection()).isNull();
    assertThat(update.edges()).isEmpty();
    assertThat(update.notes()).extracting(Note::code).containsExactly(NoteCode.FAILED_OPERATION);
    assertThat(update.subject().pid()).isEqualTo(100);
  }

  @Test
  void aDuplicateEventIsSkippedWithANote() {
    SystemEvent open = t.open(100, "/etc/passwd", 3, Trace.O_RDONLY);
    g.ok(open);
    GraphUpdate again = g.apply(open);

    assertThat(again.rejection()).isNull();
    assertThat(again.nodes()).isEmpty();
    assertThat(again.edges()).isEmpty();
    assertThat(again.notes()).extracting(Note::code).containsExactly(NoteCode.DUPLICATE_EVENT);
    assertThat(g.builder.counters().duplicates()).isEqualTo(1);
  }

  @Test
  void aSequenceBelowTheWindowIsRejectedAsStale() {
    SystemEvent old = t.exit(5);
    t.sequence += GraphConfig.defaults().dedupWindow() + 10;
    g.ok(t.exit(6));
    GraphUpdate update = g.apply(old);

    assertThat(update.rejection().code()).isEqualTo(RejectionCode.STALE_SEQUENCE);
    assertThat(update.rejection().reason()).contains("host-a").contains("boot-1");
  }

  @Test
  void eventsSlightlyOutOfOrderAreNotDuplicates() {
    SystemEvent first = t.exit(5);
    SystemEvent second = t.exit(6);
    g.ok(second);

    assertThat(g.ok(first).notes()).extracting(Note::code).doesNotContain(NoteCode.DUPLICATE_EVENT);
  }
}
