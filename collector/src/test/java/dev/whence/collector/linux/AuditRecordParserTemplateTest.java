package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A parser that takes the end of a record's fields from an earlier record of the same kind must
 * give exactly what a fresh parser gives, line by line, failures included.
 */
class AuditRecordParserTemplateTest {

  private static final String[] TOKENS = {
    "a0=3",
    "a1=7ffd3e433a68",
    "a2=340",
    "exit=12",
    "items=0",
    "ppid=7942",
    "pid=7953",
    "uid=0",
    "comm=\"bash\"",
    "comm=\"two words\"",
    "comm=\"unterminated",
    "exe=2F62696E2F7368",
    "exe=\"/usr/bin/x\"",
    "key=(null)",
    "key=\"k=v\"",
    "proctitle=616263",
    "proctitle=zz",
    "tty=(none)",
    "word",
    "=nokey",
    "\u001dARCH=x86_64",
    "\u001dSYSCALL=read",
    "AUID=\"unset\"",
    "UID=\"root\"",
    "msg='op=x acct=\"root\" res=success'",
    "msg='unterminated a=1",
    "SADDR={ fam=inet laddr=1.2.3.4 }",
    "SADDR={ open",
    "  ",
    "\t",
    "x=\u00e9t\u00e9",
    "x=\u0001",
  };

  private static final String[] TYPES = {"SYSCALL", "PROCTITLE", "USER_CMD", "PATH"};

  @Provide
  Arbitrary<List<String>> logs() {
    Arbitrary<String> body =
        Arbitraries.of(TOKENS).list().ofMinSize(0).ofMaxSize(14).map(t -> String.join(" ", t));
    Arbitrary<String> type = Arbitraries.of(TYPES);
    Arbitrary<Integer> keep = Arbitraries.integers().between(0, 40);
    Arbitrary<String[]> step =
        Combinators.combine(type, body, keep).as((t, b, k) -> new String[] {t, b, "" + k});
    return step.list()
        .ofMinSize(1)
        .ofMaxSize(40)
        .map(
            steps -> {
              List<String> lines = new ArrayList<>();
              String previous = "";
              long serial = 1;
              for (String[] s : steps) {
                // Often end the line with the end of the previous one, from any column.
                int k = Integer.parseInt(s[2]);
                String tail =
                    k < previous.length() && k % 3 != 0 ? previous.substring(k) : previous;
                String fields = k % 5 == 0 ? s[1] : s[1] + " " + tail;
                lines.add(
                    "type=" + s[0] + " msg=audit(1700000000.123:" + serial++ + "): " + fields);
                previous = fields;
              }
              return lines;
            });
  }

  @Property(tries = 400)
  void parsesEachLineAsAFreshParserDoes(@ForAll("logs") List<String> lines) {
    AuditRecordParser shared = new AuditRecordParser();
    for (String line : lines) {
      assertThat(describe(shared, line))
          .as(line)
          .isEqualTo(describe(new AuditRecordParser(), line));
    }
  }

  @Test
  void takesTheEndOfARepeatedSyscallRecordFromTheLastOne() {
    String tail =
        " items=0 ppid=7942 pid=7953 auid=4294967295 uid=0 comm=\"auditctl\""
            + " exe=\"/usr/sbin/auditctl\" key=\"whence-workload\"\u001dARCH=x86_64 SYSCALL=read"
            + " AUID=\"unset\" UID=\"root\"";
    String[] lines = {
      "type=SYSCALL msg=audit(1.1:1): arch=c000003e syscall=0 success=yes exit=698 a0=ff" + tail,
      "type=SYSCALL msg=audit(1.1:2): arch=c000003e syscall=0 success=yes exit=8 a0=3" + tail,
      "type=SYSCALL msg=audit(1.1:3): arch=c000003e syscall=0 success=yes exit=8 a0=3 x=\"" + tail,
      "type=SYSCALL msg=audit(1.1:4): arch=c000003e syscall=0 success=yes exit=8 a0=3\u001d" + tail,
      "type=SYSCALL msg=audit(1.1:5): arch=c000003e syscall=0 success=yes exit=8 a0=3" + tail,
    };
    AuditRecordParser shared = new AuditRecordParser();
    for (String line : lines) {
      assertThat(describe(shared, line))
          .as(line)
          .isEqualTo(describe(new AuditRecordParser(), line));
    }
  }

  /** Every field of the record of {@code line} (key, flags, offsets, value), or the failure. */
  private static List<String> describe(AuditRecordParser parser, String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    try {
      AuditRecord r = parser.parse(bytes, 0, bytes.length);
      out.add(r.type() + " " + r.serial() + " " + r.fieldCount());
      for (int i = 0; i < r.fieldCount(); i++) {
        out.add(
            r.key(i)
                + " "
                + r.flags(i)
                + " "
                + r.keyCode(i)
                + " "
                + r.valueStart(i)
                + " "
                + r.valueLength(i)
                + " "
                + r.rawValue(i));
      }
    } catch (AuditParseException e) {
      out.add("refused " + e.reasonCode() + ": " + e.getMessage());
    }
    return out;
  }
}
