package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Groups audit-userspace's auparse test logs into the same events as auparse does
 * (auparse_test.ref, the tests that walk files), with the same record types, serials, timestamps,
 * nodes and logged field values.
 */
class AuparseReferenceConformanceTest {

  /** One record as auparse_test.ref prints it. */
  record RefRecord(
      int typeNumber, String typeName, int line, String time, String host, List<String> fields) {}

  @ParameterizedTest
  @CsvSource({
    "Starting Test 4,./test.log,auparse_test_test.log",
    "Starting Test 5,test2.log,auparse_test_test2.log",
    "Starting Test 5,test.log,auparse_test_test.log",
    "Starting Test 11,test4.log,auparse_test_test4.log"
  })
  void eventsAndFieldsAgreeWithAuparse(String section, String refFile, String log)
      throws Exception {
    List<List<RefRecord>> expected = refEvents(section, refFile);
    assertThat(expected).isNotEmpty();

    List<String> lines = GoLibauditAuparseConformanceTest.lines(log);
    AuditRecordParser parser = new AuditRecordParser();
    Map<AuditRecord, Integer> lineOf = new IdentityHashMap<>();
    List<AuditEvent> events = new ArrayList<>();
    AuditEventAssembler assembler =
        new AuditEventAssembler(
            AssemblerConfig.DEFAULT,
            Clock.systemUTC(),
            new AuditEventAssembler.Output() {
              @Override
              public void event(AuditEvent event) {
                events.add(event);
              }

              @Override
              public void rejected(
                  AuditRecord record, String source, long position, String code, String reason) {
                throw new AssertionError(code + ": " + reason);
              }
            });
    for (int n = 0; n < lines.size(); n++) {
      byte[] b = lines.get(n).getBytes(StandardCharsets.UTF_8);
      AuditRecord r = parser.parse(b, 0, b.length);
      lineOf.put(r, n + 1);
      assembler.accept(r, log, n + 1);
    }
    assembler.flush();

    Map<TreeSet<Integer>, AuditEvent> ours = new HashMap<>();
    for (AuditEvent e : events) {
      TreeSet<Integer> key = new TreeSet<>();
      e.records().forEach(r -> key.add(lineOf.get(r)));
      ours.put(key, e);
    }
    int compared = 0;
    for (List<RefRecord> event : expected) {
      TreeSet<Integer> key = new TreeSet<>();
      event.forEach(r -> key.add(r.line()));
      assertThat(ours).as("auparse event of lines %s", key).containsKey(key);
      AuditEvent e = ours.get(key);
      for (RefRecord ref : event) {
        AuditRecord r =
            e.records().stream().filter(x -> lineOf.get(x) == ref.line()).findFirst().orElseThrow();
        String where = log + ":" + ref.line();
        assertThat(r.typeNumber()).as(where).isEqualTo(ref.typeNumber());
        assertThat(r.type()).as(where).isEqualTo(ref.typeName());
        assertThat(r.seconds() + "." + String.format("%03d", r.millis()) + ":" + r.serial())
            .as(where)
            .isEqualTo(ref.time());
        assertThat(r.node() == null ? "?" : r.node()).as(where).isEqualTo(ref.host());
        for (String field : ref.fields()) {
          int eq = field.indexOf('=');
          String k = field.substring(0, eq);
          String v = field.substring(eq + 1);
          int i = r.indexOf(k);
          if (k.equals("type") || i < 0) {
            continue;
          }
          String logged = r.rawValue(i);
          String ourRepr = r.has(i, AuditRecord.QUOTED) ? "\"" + logged + "\"" : logged;
          assertThat(ourRepr).as(where + " field " + k).isEqualTo(v);
          compared++;
        }
      }
    }
    assertThat(ours).hasSameSizeAs(expected);
    assertThat(compared).isGreaterThan(50);
  }

  /** The events of {@code section} read from {@code file}, as auparse_test.ref lists them. */
  static List<List<RefRecord>> refEvents(String section, String file) throws Exception {
    List<String> ref = GoLibauditAuparseConformanceTest.lines("auparse_test_auparse_test.ref");
    int start = -1;
    for (int i = 0; i < ref.size(); i++) {
      if (ref.get(i).startsWith(section + ",")) {
        start = i + 1;
      }
    }
    assertThat(start).as(section).isPositive();
    Map<Integer, List<RefRecord>> events = new LinkedHashMap<>();
    int event = 0;
    RefRecord current = null;
    for (int i = start; i < ref.size() && !ref.get(i).contains("Done"); i++) {
      String l = ref.get(i);
      if (l.startsWith("event ")) {
        event++;
      } else if (l.startsWith("    record ")) {
        String type = l.substring(l.indexOf("of type ") + 8, l.indexOf(" has "));
        int paren = type.indexOf('(');
        String lineInfo = ref.get(i + 1).trim();
        String time = ref.get(i + 2).trim();
        String fileName = lineInfo.substring(lineInfo.indexOf("file=") + 5);
        int lineNo = Integer.parseInt(lineInfo.substring(5, lineInfo.indexOf(' ')));
        String stamp = time.substring("event time: ".length(), time.indexOf(','));
        String host = time.substring(time.indexOf("host=") + 5);
        current =
            new RefRecord(
                Integer.parseInt(type.substring(0, paren)),
                type.substring(paren + 1, type.length() - 1),
                lineNo,
                stamp,
                host,
                new ArrayList<>());
        if (fileName.equals(file)) {
          events.computeIfAbsent(event, k -> new ArrayList<>()).add(current);
        }
        i += 2;
      } else if (l.startsWith("        ") && current != null && l.contains("=")) {
        current.fields().add(l.trim());
      }
    }
    return new ArrayList<>(events.values());
  }
}
