package dev.whence.collector.linux.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.RejectedInput;
import dev.whence.collector.EventSink;
import dev.whence.collector.linux.AuditPipeline;
import dev.whence.schemas.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinuxAuditNormalizerTest {

  private static final String SUBJ =
      " items=2 ppid=10 pid=20 auid=1000 uid=1001 gid=1002 euid=1003 suid=1004 fsuid=1005"
          + " egid=1006 sgid=1007 fsgid=1008 tty=pts0 ses=3 comm=\"prog\" exe=\"/usr/bin/prog\""
          + " key=(null)";

  private final List<Event> events = new ArrayList<>();
  private final List<RejectedInput> rejected = new ArrayList<>();

  private Event one(String... lines) {
    return one(StandardCharsets.UTF_8, lines);
  }

  /** The one event of {@code lines}, encoded with {@code charset} (ISO-8859-1 for raw bytes). */
  private Event one(java.nio.charset.Charset charset, String... lines) {
    events.clear();
    AuditPipeline p =
        new AuditPipeline(
            new EventSink() {
              @Override
              public void event(Event event) {
                events.add(event);
              }

              @Override
              public void rejected(RejectedInput r) {
                rejected.add(r);
              }
            },
            "conf-host",
            "b00t",
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    for (int i = 0; i < lines.length; i++) {
      byte[] b = lines[i].getBytes(charset);
      p.acceptLine(b, 0, b.length, "test", i + 1);
    }
    p.flush();
    assertThat(rejected).isEmpty();
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static String sys(long serial, int nr, String result) {
    return "type=SYSCALL msg=audit(1700000000.123:"
        + serial
        + "): arch=c000003e syscall="
        + nr
        + " "
        + result
        + SUBJ;
  }

  private static String rec(String type, long serial, String fields) {
    return "type=" + type + " msg=audit(1700000000.123:" + serial + "): " + fields;
  }

  @Test
  void mapsSubjectTimeIdAndResult() {
    Event e = one(sys(5, 0, "success=yes exit=12 a0=3 a1=7ff a2=40 a3=0"));
    assertThat(e.getId()).isEqualTo(EventIds.of("conf-host", "b00t", 5));
    assertThat(e.getTimestampNanos()).isEqualTo(1_700_000_000_123_000_000L);
    assertThat(e.getOperation()).isEqualTo(Operation.READ);
    assertThat(e.getAction()).isEqualTo("read");
    assertThat(e.getObject1().getFd()).isEqualTo(3);
    assertThat(e.getSize()).isEqualTo(12);
    var s = e.getSubject();
    assertThat(List.of(s.getPid(), s.getPpid())).containsExactly(20, 10);
    assertThat(
            List.of(
                s.getUid(),
                s.getGid(),
                s.getEuid(),
                s.getSuid(),
                s.getFsuid(),
                s.getEgid(),
                s.getSgid(),
                s.getFsgid(),
                s.getAuid(),
                s.getSessionId()))
        .containsExactly(1001L, 1002L, 1003L, 1004L, 1005L, 1006L, 1007L, 1008L, 1000L, 3L);
    assertThat(s.getComm()).isEqualTo("prog");
    assertThat(s.getExe()).isEqualTo("/usr/bin/prog");
    assertThat(s.getTty()).isEqualTo("pts0");
    assertThat(e.getRaw())
        .containsEntry("SYSCALL.a1", "7ff")
        .containsEntry("SYSCALL.key", "(null)");
    assertThat(e.getRaw()).doesNotContainKeys("SYSCALL.pid", "SYSCALL.a0", "SYSCALL.exit");
  }

  @Test
  void openatThatCreatesIsCreateObjectWithFlagsFdAndResolvedPath() {
    Event e =
        one(
            sys(6, 257, "success=yes exit=4 a0=ffffff9c a1=55 a2=241 a3=1b6"),
            rec("CWD", 6, "cwd=\"/home/u\""),
            rec(
                "PATH",
                6,
                "item=0 name=\"/home/u\" inode=2 dev=fe:00 mode=040755 ouid=1 ogid=1"
                    + " rdev=00:00 nametype=PARENT cap_fp=0"),
            rec(
                "PATH",
                6,
                "item=1 name=\"notes.txt\" inode=77 dev=fe:00 mode=0100644 ouid=1001"
                    + " ogid=1002 rdev=00:00 nametype=CREATE cap_fp=0"),
            rec("PROCTITLE", 6, "proctitle=70726F67002D78"));
    assertThat(e.getOperation()).isEqualTo(Operation.CREATE_OBJECT);
    assertThat(e.getFlags()).isEqualTo(0x241);
    var o = e.getObject1();
    assertThat(o.getPath()).isEqualTo("/home/u/notes.txt");
    assertThat(o.getKind()).isEqualTo(ObjectKind.FILE);
    assertThat(o.getFd()).isEqualTo(4);
    assertThat(o.getInode()).isEqualTo(77);
    assertThat(o.getDevice()).isEqualTo("fe:00");
    assertThat(o.getMode()).isEqualTo(0100644);
    assertThat(o.getOwnerUid()).isEqualTo(1001);
    assertThat(o.getNameType()).isEqualTo("CREATE");
    assertThat(e.getSubject().getCwd()).isEqualTo("/home/u");
    assertThat(e.getSubject().getArgv()).containsExactly("prog", "-x");
    assertThat(e.getRaw())
        .containsEntry("PATH.1.cap_fp", "0")
        .containsEntry("PATH.0.name", "/home/u")
        .containsEntry("PATH.0.nametype", "PARENT")
        .doesNotContainKey("PATH.1.name");
  }

  @Test
  void relativeNamesBehindADirectoryFdStayRelative() {
    Event e =
        one(
            sys(7, 257, "success=yes exit=5 a0=3 a1=55 a2=0 a3=0"),
            rec("CWD", 7, "cwd=\"/home/u\""),
            rec(
                "PATH",
                7,
                "item=0 name=\"x\" inode=7 dev=fe:00 mode=0100644 ouid=0 ogid=0"
                    + " rdev=00:00 nametype=NORMAL"));
    assertThat(e.getOperation()).isEqualTo(Operation.OPEN);
    assertThat(e.getObject1().getPath()).isEqualTo("x");
    assertThat(e.getFlags()).isZero();
  }

  @Test
  void execveReassemblesSplitHexAndNonUtf8Arguments() {
    Event e =
        one(
            sys(8, 59, "success=yes exit=0 a0=1 a1=2 a2=3 a3=4"),
            rec("EXECVE", 8, "argc=4 a0=\"cat\" a1_len=22 a1[0]=68656C6C6F20 a1[1]=776F726C64"),
            rec("EXECVE", 8, "a2=6162FF a3=\"-\""),
            rec(
                "PATH",
                8,
                "item=0 name=\"/usr/bin/cat\" inode=9 dev=fe:00 mode=0100755 ouid=0"
                    + " ogid=0 rdev=00:00 nametype=NORMAL"));
    assertThat(e.getOperation()).isEqualTo(Operation.EXECUTE);
    assertThat(e.getSubject().getArgv()).containsExactly("cat", "hello world", "ab\ufffd", "-");
    assertThat(e.getRaw()).containsEntry("EXECVE.1.a2.hex", "6162FF");
    assertThat(e.getObject1().getPath()).isEqualTo("/usr/bin/cat");
  }

  @Test
  void rawBytesThatAreNotUtf8AreReplacedAndKeptInHex() {
    Event e =
        one(
            StandardCharsets.ISO_8859_1,
            sys(9, 0, "success=yes exit=1 a0=3 a1=1 a2=1 a3=0")
                .replace("comm=\"prog\"", "comm=\"p\u00ffg\""));
    assertThat(e.getSubject().getComm()).isEqualTo("p\ufffdg");
    assertThat(e.getRaw()).containsEntry("SYSCALL.comm.hex", "70FF67");
  }

  @Test
  void positionalAndFileToFileTransfersAreReadsAndWrites() {
    Event pread = one(sys(19, 17, "success=yes exit=100 a0=5 a1=7ff a2=1000 a3=0"));
    assertThat(pread.getOperation()).isEqualTo(Operation.READ);
    assertThat(pread.getAction()).isEqualTo("pread");
    assertThat(pread.getSize()).isEqualTo(100);
    Event sendfile = one(sys(20, 40, "success=yes exit=4096 a0=1 a1=6 a2=0 a3=1000"));
    assertThat(sendfile.getOperation()).isEqualTo(Operation.WRITE);
    assertThat(sendfile.getObject1().getFd()).isEqualTo(1);
    assertThat(sendfile.getObject2().getFd()).isEqualTo(6);
    assertThat(sendfile.getSize()).isEqualTo(4096);
    Event copy = one(sys(21, 326, "success=yes exit=10 a0=3 a1=0 a2=4 a3=0"));
    assertThat(copy.getOperation()).isEqualTo(Operation.WRITE);
    assertThat(copy.getObject1().getFd()).isEqualTo(4);
    assertThat(copy.getObject2().getFd()).isEqualTo(3);
    Event vm = one(sys(22, 311, "success=yes exit=8 a0=4d2 a1=7ff a2=1 a3=7ff"));
    assertThat(vm.getOperation()).isEqualTo(Operation.PTRACE);
    assertThat(vm.getObject1().getPid()).isEqualTo(1234);
  }

  @Test
  void farArgumentIndexesStayInRawInsteadOfPaddingArgv() {
    Event e =
        one(
            sys(18, 59, "success=yes exit=0 a0=1 a1=2 a2=3 a3=4"),
            rec("EXECVE", 18, "argc=1000000 a0=\"sh\" a999999=\"x\""));
    assertThat(e.getSubject().getArgv()).containsExactly("sh");
    assertThat(e.getRaw()).containsEntry("EXECVE.a999999", "x");
  }

  @Test
  void otherArchitecturesUseTheirTables() {
    Event arm =
        one(
            "type=SYSCALL msg=audit(1.000:9): arch=c00000b7 syscall=221 success=yes exit=0"
                + " a0=1 a1=2 a2=3 a3=4"
                + SUBJ);
    assertThat(arm.getAction()).isEqualTo("execve");
    Event x86 =
        one(
            "type=SYSCALL msg=audit(1.000:9): arch=40000003 syscall=11 success=yes exit=0"
                + " a0=1 a1=2 a2=3 a3=4"
                + SUBJ);
    assertThat(x86.getAction()).isEqualTo("execve");
    Event enriched =
        one(
            "type=SYSCALL msg=audit(1.000:9): arch=deadbeef syscall=4000 success=yes exit=0"
                + SUBJ
                + "\u001dSYSCALL=pipe2");
    assertThat(enriched.getAction()).isEqualTo("pipe2");
  }

  @Test
  void pipeAndSocketAreCreatedObjects() {
    Event pipe =
        one(
            sys(10, 293, "success=yes exit=0 a0=7ff a1=80000 a2=0 a3=0"),
            rec("FD_PAIR", 10, "fd0=3 fd1=4"));
    assertThat(pipe.getOperation()).isEqualTo(Operation.CREATE_OBJECT);
    assertThat(pipe.getObject1().getKind()).isEqualTo(ObjectKind.PIPE);
    assertThat(pipe.getObject1().getFd()).isEqualTo(3);
    assertThat(pipe.getObject2().getFd()).isEqualTo(4);
    Event socket = one(sys(11, 41, "success=yes exit=5 a0=a a1=80001 a2=6 a3=0"));
    assertThat(socket.getOperation()).isEqualTo(Operation.CREATE_OBJECT);
    assertThat(socket.getObject1().getKind()).isEqualTo(ObjectKind.SOCKET);
    assertThat(socket.getObject1().getFamily()).isEqualTo("inet6");
    assertThat(socket.getObject1().getProtocol()).isEqualTo("tcp");
    assertThat(socket.getObject1().getFd()).isEqualTo(5);
  }

  @Test
  void decodesSocketAddressesOfEveryFamily() {
    Event v6 =
        one(
            sys(12, 42, "success=no exit=-115 a0=3 a1=7ff a2=1c a3=0"),
            rec("SOCKADDR", 12, "saddr=0A0001BB0000000020010DB800000000000000000000000100000000"));
    assertThat(v6.getOperation()).isEqualTo(Operation.CONNECT);
    assertThat(v6.getSuccess()).isFalse();
    assertThat(v6.getReturnValue()).isEqualTo(-115);
    assertThat(v6.getObject1().getFamily()).isEqualTo("inet6");
    assertThat(v6.getObject1().getRemoteAddress()).isEqualTo("2001:db8::1");
    assertThat(v6.getObject1().getRemotePort()).isEqualTo(443);
    Event bind =
        one(
            sys(13, 49, "success=yes exit=0 a0=3 a1=7ff a2=e a3=0"),
            rec("SOCKADDR", 13, "saddr=01002F72756E2F782E736F636B00"));
    assertThat(bind.getOperation()).isEqualTo(Operation.BIND);
    assertThat(bind.getObject1().getFamily()).isEqualTo("unix");
    assertThat(bind.getObject1().getLocalAddress()).isEqualTo("/run/x.sock");
    assertThat(Sockaddr.decode(hex("0100006162730078")))
        .isEqualTo(new Sockaddr("unix", "@abs@x", null));
    assertThat(Sockaddr.decode(hex("10000000D204000001000000")))
        .isEqualTo(new Sockaddr("netlink", "1234", null));
    assertThat(Sockaddr.decode(hex("0200115C0ACB00020000000000000000")))
        .isEqualTo(new Sockaddr("inet", "10.203.0.2", 4444));
    assertThat(Sockaddr.ipv6(new byte[16], 0)).isEqualTo("::");
  }

  @Test
  void acceptNamesTheListeningSocketFirstAndTheAcceptedOneWithItsPeerSecond() {
    Event e =
        one(
            sys(15, 288, "success=yes exit=4 a0=3 a1=7ff a2=7ff a3=80000"),
            rec("SOCKADDR", 15, "saddr=0200B08A0ACB00020000000000000000"));
    assertThat(e.getOperation()).isEqualTo(Operation.ACCEPT);
    assertThat(e.getObject1().getFd()).isEqualTo(3);
    assertThat(e.getObject1().getRemoteAddress()).isNull();
    assertThat(e.getObject2().getFd()).isEqualTo(4);
    assertThat(e.getObject2().getRemoteAddress()).isEqualTo("10.203.0.2");
    assertThat(e.getObject2().getRemotePort()).isEqualTo(45194);
  }

  @Test
  void anUnmappedValueThatIsNotUtf8KeepsItsBytesInHex() {
    Event e =
        one(
            StandardCharsets.ISO_8859_1,
            sys(16, 62, "success=yes exit=0 a0=1 a1=9 a2=0 a3=0 k=\"k\u00ffz\""));
    assertThat(e.getRaw())
        .containsEntry("SYSCALL.k", "k\ufffdz")
        .containsEntry("SYSCALL.k.hex", "6BFF7A");
  }

  @Test
  void threadClonesCarryTheirFlagsAndChild() {
    Event e = one(sys(14, 56, "success=yes exit=4242 a0=3d0f00 a1=7f a2=7f a3=7f"));
    assertThat(e.getOperation()).isEqualTo(Operation.CLONE);
    assertThat(e.getFlags() & 0x10000).isEqualTo(0x10000);
    assertThat(e.getObject1().getKind()).isEqualTo(ObjectKind.PROCESS);
    assertThat(e.getObject1().getPid()).isEqualTo(4242);
  }

  @Test
  void principalsSignalsAndRenames() {
    Event setres = one(sys(15, 117, "success=yes exit=0 a0=ffffffff a1=0 a2=ffffffff a3=0"));
    assertThat(setres.getOperation()).isEqualTo(Operation.CHANGE_PRINCIPAL);
    assertThat(setres.getObject1().getPrincipalId()).isZero();
    Event kill =
        one(
            sys(16, 62, "success=yes exit=0 a0=1f4 a1=9 a2=0 a3=0"),
            rec("OBJ_PID", 16, "opid=500 oauid=-1 ouid=0 oses=-1 ocomm=\"victim\""));
    assertThat(kill.getOperation()).isEqualTo(Operation.SIGNAL);
    assertThat(kill.getObject1().getPid()).isEqualTo(500);
    assertThat(kill.getFlags()).isEqualTo(9);
    assertThat(kill.getRaw()).containsEntry("OBJ_PID.ocomm", "victim");
    Event rename =
        one(
            sys(17, 82, "success=yes exit=0 a0=1 a1=2 a2=3 a3=4"),
            rec(
                "PATH",
                17,
                "item=0 name=\"/d/\" inode=1 dev=fe:00 mode=040755 ouid=0 ogid=0"
                    + " nametype=PARENT"),
            rec(
                "PATH",
                17,
                "item=1 name=\"/d/\" inode=1 dev=fe:00 mode=040755 ouid=0 ogid=0"
                    + " nametype=PARENT"),
            rec(
                "PATH",
                17,
                "item=2 name=\"/d/a\" inode=5 dev=fe:00 mode=0100644 ouid=0 ogid=0"
                    + " nametype=DELETE"),
            rec(
                "PATH",
                17,
                "item=3 name=\"/d/b\" inode=5 dev=fe:00 mode=0100644 ouid=0 ogid=0"
                    + " nametype=CREATE"));
    assertThat(rename.getOperation()).isEqualTo(Operation.RENAME);
    assertThat(rename.getObject1().getPath()).isEqualTo("/d/a");
    assertThat(rename.getObject2().getPath()).isEqualTo("/d/b");
  }

  @Test
  void userSpaceRecordsMapToTheirOperations() {
    Event login =
        one(
            "type=USER_LOGIN msg=audit(1.000:20): pid=9 uid=0 auid=4294967295 ses=4294967295"
                + " msg='op=login id=1000 exe=\"/usr/sbin/sshd\" hostname=h addr=1.2.3.4"
                + " terminal=sshd res=failed'");
    assertThat(login.getOperation()).isEqualTo(Operation.LOGIN);
    assertThat(login.getSuccess()).isFalse();
    assertThat(login.getObject1().getPrincipalId()).isEqualTo(1000);
    assertThat(login.getSubject().getExe()).isEqualTo("/usr/sbin/sshd");
    assertThat(login.getRaw()).containsEntry("USER_LOGIN.addr", "1.2.3.4");
    Event cmd =
        one(
            "type=USER_CMD msg=audit(1.000:21): pid=9 uid=1000 auid=1000 ses=1"
                + " msg='cwd=\"/home/u\" cmd=68656C6C6F20776F726C64 terminal=pts/0 res=success'");
    assertThat(cmd.getOperation()).isEqualTo(Operation.USER_COMMAND);
    assertThat(cmd.getSubject().getCwd()).isEqualTo("/home/u");
    assertThat(cmd.getRaw()).containsEntry("USER_CMD.cmd", "hello world");
    Event daemon =
        one(
            "type=DAEMON_START msg=audit(1.000:20): op=start ver=3.0.9 auid=4294967295 pid=7"
                + " uid=0 ses=4294967295 res=success");
    assertThat(daemon.getOperation()).isEqualTo(Operation.DAEMON);
    assertThat(daemon.getId())
        .isEqualTo(EventIds.of("conf-host", "b00t" + LinuxAuditNormalizer.DAEMON_BOOT_SUFFIX, 20));
    Event unknown = one("node=n1 type=UNKNOWN[1334] msg=audit(1.000:22): prog-id=12 op=LOAD");
    assertThat(unknown.getOperation()).isEqualTo(Operation.OTHER);
    assertThat(unknown.getHost()).isEqualTo("n1");
    assertThat(unknown.getRaw()).containsEntry("UNKNOWN[1334].prog-id", "12");
    Event anomaly =
        one(
            sys(23, 16, "success=yes exit=0 a0=3 a1=89f0 a2=7ff a3=0"),
            rec("ANOM_PROMISCUOUS", 23, "dev=eth0 prom=256 old_prom=0 auid=0 uid=0 ses=1"));
    assertThat(anomaly.getOperation()).isEqualTo(Operation.ANOMALY);
    assertThat(anomaly.getAction()).isEqualTo("ANOM_PROMISCUOUS");
  }

  private static byte[] hex(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return dev.whence.collector.linux.Hex.decode(b, 0, b.length);
  }
}
