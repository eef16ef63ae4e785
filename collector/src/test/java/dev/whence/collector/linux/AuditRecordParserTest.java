package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuditRecordParserTest {

  private final AuditRecordParser parser = new AuditRecordParser();

  private AuditRecord parse(String line) throws AuditParseException {
    byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
    return parser.parse(b, 0, b.length);
  }

  private static String reasonOf(ThrowingLine call) {
    try {
      call.run();
    } catch (AuditParseException e) {
      return e.reasonCode();
    }
    return null;
  }

  private interface ThrowingLine {
    void run() throws AuditParseException;
  }

  @Test
  void readsHeaderWithNodeAndEnrichedFields() throws Exception {
    AuditRecord r =
        parse(
            "node=vm type=SYSCALL msg=audit(1795772641.120:25401): arch=c000003e syscall=44"
                + " comm=\"auditd\" key=(null)\u001dARCH=x86_64 SYSCALL=sendto AUID=\"unset\"\n");
    assertThat(r.node()).isEqualTo("vm");
    assertThat(r.type()).isEqualTo("SYSCALL");
    assertThat(r.typeNumber()).isEqualTo(1300);
    assertThat(r.seconds()).isEqualTo(1795772641L);
    assertThat(r.millis()).isEqualTo(120);
    assertThat(r.timestampNanos()).isEqualTo(1_795_772_641_120_000_000L);
    assertThat(r.serial()).isEqualTo(25401);
    assertThat(r.value("comm")).isEqualTo("auditd");
    assertThat(r.isPlaceholder(r.indexOf("key"))).isTrue();
    int arch = r.indexOfEnriched("ARCH");
    assertThat(r.value(arch)).isEqualTo("x86_64");
    assertThat(r.has(arch, AuditRecord.ENRICHED)).isTrue();
    assertThat(r.value(r.indexOfEnriched("SYSCALL"))).isEqualTo("sendto");
    assertThat(r.value(r.indexOfEnriched("AUID"))).isEqualTo("unset");
    assertThat(r.indexOf("ARCH")).isEqualTo(-1);
  }

  @Test
  void marksOnlyTheHexEncodedArgumentAsHex() throws Exception {
    AuditRecord r = parse("type=EXECVE msg=audit(1.5:7): argc=4 a0=6C73 a1=\"x.*\" a2=3A a3=\"y\"");
    assertThat(r.has(r.indexOf("a0"), AuditRecord.HEX)).isTrue();
    assertThat(r.flags(r.indexOf("a1"))).isEqualTo(AuditRecord.QUOTED);
    assertThat(r.value("a1")).isEqualTo("x.*");
    assertThat(r.value("a2")).isEqualTo(":");
    assertThat(r.flags(r.indexOf("a3"))).isEqualTo(AuditRecord.QUOTED);
  }

  @Test
  void recordsKeepTheirKeysWhenTheParserStartsANewKeyTable() throws Exception {
    java.util.List<AuditRecord> records = new java.util.ArrayList<>();
    for (int line = 0; line < 120; line++) {
      StringBuilder b = new StringBuilder("type=UNKNOWN[1999] msg=audit(1.5:" + line + "):");
      for (int k = 0; k < 100; k++) {
        b.append(" k").append(line).append('_').append(k).append('=').append(k);
      }
      records.add(parse(b.toString() + " pid=7 tail"));
    }
    for (int line = 0; line < records.size(); line++) {
      AuditRecord r = records.get(line);
      assertThat(r.fieldCount()).isEqualTo(102);
      for (int k = 0; k < 100; k++) {
        assertThat(r.key(k)).isEqualTo("k" + line + "_" + k);
        assertThat(r.decimal(k, -1)).isEqualTo(k);
      }
      assertThat(r.key(100)).isEqualTo("pid");
      assertThat(r.keyCode(100)).isEqualTo(AuditFieldKeys.PID);
      assertThat(r.key(101)).isEmpty();
      assertThat(r.has(101, AuditRecord.BARE)).isTrue();
    }
  }

  @Test
  void decodesHexStringsButNotNumbers() throws Exception {
    AuditRecord r =
        parse(
            "type=SYSCALL msg=audit(1.5:7): a0=7ffd exe=2F7573722F62696E2F707974686F6E322E37"
                + " comm=\"cat\" items=2");
    assertThat(r.value("exe")).isEqualTo("/usr/bin/python2.7");
    assertThat(r.value("a0")).isEqualTo("7ffd");
    assertThat(r.hex(r.indexOf("a0"), -1)).isEqualTo(0x7ffd);
    assertThat(r.millis()).isEqualTo(500);
    AuditRecord p = parse("type=PROCTITLE msg=audit(1.000:7): proctitle=617564697464002D6E");
    assertThat(p.value("proctitle")).isEqualTo("auditd\u0000-n");
  }

  @Test
  void keepsControlCharactersAndEscapesOfDecodedNames() throws Exception {
    AuditRecord r = parse("type=PATH msg=audit(1.000:7): item=0 name=1B5B33316D6869DDFF0A");
    String name = r.value("name");
    assertThat(name).startsWith("\u001b[31mhi").endsWith("\n").contains("\ufffd");
  }

  @Test
  void splitsUserMessageIntoNestedFields() throws Exception {
    AuditRecord r =
        parse(
            "type=USER_LOGIN msg=audit(1493162652.304:18662): pid=9729 uid=0 auid=1001 ses=1"
                + " msg='op=login acct=\"root\" exe=\"/usr/sbin/sshd\" hostname=? addr=1.2.3.4"
                + " terminal=sshd res=failed'");
    int msg = r.indexOf("msg");
    assertThat(r.has(msg, AuditRecord.SINGLE_QUOTED)).isTrue();
    int exe = r.indexOf("exe");
    assertThat(r.has(exe, AuditRecord.NESTED)).isTrue();
    assertThat(r.value(exe)).isEqualTo("/usr/sbin/sshd");
    assertThat(r.value("acct")).isEqualTo("root");
    assertThat(r.value("res")).isEqualTo("failed");
    assertThat(r.typeNumber()).isEqualTo(1112);
  }

  @Test
  void readsNumericUnknownTypesAndBracedEnrichedValues() throws Exception {
    AuditRecord r = parse("type=UNKNOWN[1334] msg=audit(1.000:9): prog-id=12 op=LOAD");
    assertThat(r.type()).isEqualTo("UNKNOWN[1334]");
    assertThat(r.typeNumber()).isEqualTo(1334);
    AuditRecord s =
        parse(
            "type=SOCKADDR msg=audit(1.000:9): saddr=0200115C0ACB00020000000000000000"
                + "\u001dSADDR={ saddr_fam=inet laddr=10.203.0.2 lport=4444 }");
    int i = s.indexOfEnriched("SADDR");
    assertThat(s.value(i)).isEqualTo("saddr_fam=inet laddr=10.203.0.2 lport=4444");
    assertThat(s.has(s.indexOf("saddr"), AuditRecord.HEX)).isFalse();
  }

  @Test
  void keepsFreeWordsAsBareFields() throws Exception {
    AuditRecord r =
        parse(
            "type=AVC msg=audit(1170021493.977:293): avc:  denied  { read write } for  pid=13010"
                + " comm=\"pickup\"");
    assertThat(r.value("pid")).isEqualTo("13010");
    assertThat(r.key(0)).isEmpty();
    assertThat(r.has(0, AuditRecord.BARE)).isTrue();
    assertThat(r.value(0)).isEqualTo("avc:");
  }

  @Test
  void refusesMalformedLinesWithPreciseReasons() {
    assertThat(reasonOf(() -> parse(""))).isEqualTo("EMPTY_LINE");
    assertThat(reasonOf(() -> parse("hello world"))).isEqualTo("MALFORMED_LINE");
    assertThat(reasonOf(() -> parse("type=SYSCALL msg=audit(12:34): a=1")))
        .isEqualTo("MALFORMED_LINE");
    assertThat(reasonOf(() -> parse("type=SYSCALL msg=audit(1.2:99999999999): a=1")))
        .isEqualTo("MALFORMED_LINE");
    assertThat(reasonOf(() -> parse("type=SYSCALL msg=audit(1.2:3): comm=\"unterminated")))
        .isEqualTo("MALFORMED_LINE");
    assertThat(reasonOf(() -> parse("type=SYSCALL msg=audit(1.2:3): comm=\"a\u0000b\"")))
        .isEqualTo("CONTROL_CHARACTER");
    assertThat(reasonOf(() -> parse("type=SYSCALL msg=audit(1.2:3): comm=a\u001bb")))
        .isEqualTo("CONTROL_CHARACTER");
    assertThat(reasonOf(() -> parse("type=PROCTITLE msg=audit(1.2:3): proctitle=6G6F")))
        .isEqualTo("BAD_HEX");
    assertThat(reasonOf(() -> parse("type=EXECVE msg=audit(1.2:3): argc=1 a0=ABC")))
        .isEqualTo("BAD_HEX");
    assertThat(reasonOf(() -> parse("type=EXECVE msg=audit(1.2:3): argc=2147483648 a0=\"x\"")))
        .isEqualTo("ABSURD_LENGTH");
    assertThat(reasonOf(() -> parse("type=EXECVE msg=audit(1.2:3): argc=1 a0_len=999999999")))
        .isEqualTo("ABSURD_LENGTH");
    assertThat(reasonOf(() -> parse("type=SYSCALL msg=audit(1.2:3): =x")))
        .isEqualTo("MALFORMED_LINE");
  }

  @Test
  void refusesLinesLongerThanTheLimit() {
    AuditRecordParser small = new AuditRecordParser(100);
    byte[] b = ("type=SYSCALL msg=audit(1.2:3): a=" + "x".repeat(200)).getBytes();
    assertThatThrownBy(() -> small.parse(b, 0, b.length))
        .isInstanceOf(AuditParseException.class)
        .hasMessageContaining("exceeds the limit of 100");
  }

  @Test
  void recognisesExecveArgumentKeys() {
    assertThat(AuditRecordParser.isArgKey("a0")).isTrue();
    assertThat(AuditRecordParser.isArgKey("a12[3]")).isTrue();
    assertThat(AuditRecordParser.isArgKey("a1_len")).isFalse();
    assertThat(AuditRecordParser.isArgKey("arch")).isFalse();
    assertThat(AuditRecordParser.isArgKey("a[1]")).isFalse();
  }
}
