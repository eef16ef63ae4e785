package dev.whence.topology;

import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import dev.whence.schemas.EventIds;
import java.util.List;
import java.util.Map;

/** Small, realistic events for topology tests. */
final class TestEvents {

  private TestEvents() {}

  static Event event(String host, long sequence, Operation operation) {
    return Event.newBuilder()
        .setId(EventIds.of(host, "boot-1", sequence))
        .setHost(host)
        .setBoot("boot-1")
        .setSource(SourceKind.LINUX_AUDIT)
        .setSequence(sequence)
        .setTimestampNanos(1_795_772_562_196_000_000L + sequence * 1_000_000L)
        .setOperation(operation)
        .setAction(operation.name().toLowerCase())
        .setSubject(
            Subject.newBuilder()
                .setPid(4242)
                .setPpid(1)
                .setUid(0L)
                .setComm("bash")
                .setExe("/usr/bin/bash")
                .setArgv(List.of("bash", "-c", "true"))
                .build())
        .setObject1(
            EventObject.newBuilder().setKind(ObjectKind.FILE).setPath("/usr/bin/true").build())
        .setRaw(Map.of("SYSCALL.arch", "c000003e"))
        .build();
  }
}
