package dev.whence.schemas;

import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import java.util.List;
import java.util.Map;

/** A realistic event, as the Linux audit collector would publish an execve. */
final class Samples {

  private Samples() {}

  static Event execEvent() {
    var subject =
        Subject.newBuilder()
            .setPid(4242)
            .setPpid(4200)
            .setUid(1000L)
            .setEuid(1000L)
            .setGid(1000L)
            .setEgid(1000L)
            .setAuid(1000L)
            .setSessionId(3L)
            .setComm("curl")
            .setExe("/usr/bin/curl")
            .setArgv(List.of("curl", "-sSL", "-o", "/tmp/x", "http://203.0.113.7/x"))
            .setCwd("/home/alice")
            .setTty("pts0")
            .build();
    var executable =
        EventObject.newBuilder()
            .setKind(ObjectKind.FILE)
            .setPath("/usr/bin/curl")
            .setInode(1_573_219L)
            .setDevice("08:01")
            .setMode(0100755)
            .setOwnerUid(0L)
            .setOwnerGid(0L)
            .setNameType("NORMAL")
            .build();
    var loader =
        EventObject.newBuilder()
            .setKind(ObjectKind.FILE)
            .setPath("/lib64/ld-linux-x86-64.so.2")
            .setInode(1_311_871L)
            .setDevice("08:01")
            .setMode(0100755)
            .setOwnerUid(0L)
            .setOwnerGid(0L)
            .setNameType("NORMAL")
            .build();
    return Event.newBuilder()
        .setId(EventIds.of("host-a", "b7c1e0d2-0f43-4a8e-9d0c-2d1f3e4a5b6c", 81_234L))
        .setHost("host-a")
        .setBoot("b7c1e0d2-0f43-4a8e-9d0c-2d1f3e4a5b6c")
        .setSource(SourceKind.LINUX_AUDIT)
        .setSequence(81_234L)
        .setTimestampNanos(1_764_236_400_123_456_789L)
        .setOperation(Operation.EXECUTE)
        .setAction("execve")
        .setSuccess(true)
        .setReturnValue(0L)
        .setSubject(subject)
        .setObject1(executable)
        .setObject2(loader)
        .setRaw(
            Map.ofEntries(
                Map.entry("SYSCALL.arch", "c000003e"),
                Map.entry("SYSCALL.syscall", "59"),
                Map.entry("SYSCALL.a0", "55d0c1a2b3c0"),
                Map.entry("SYSCALL.a1", "55d0c1a2b400"),
                Map.entry("SYSCALL.a2", "55d0c1a2b480"),
                Map.entry("SYSCALL.a3", "0"),
                Map.entry("SYSCALL.items", "2"),
                Map.entry("SYSCALL.key", "exec"),
                Map.entry("EXECVE.argc", "5"),
                Map.entry("PATH.0.cap_fp", "0"),
                Map.entry("PATH.0.cap_fi", "0"),
                Map.entry("PROCTITLE.proctitle", "6375726C002D73534C")))
        .build();
  }
}
