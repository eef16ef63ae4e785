package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each line of go-libaudit's auparse test logs parses to the record type, serial, timestamp and
 * field values that go-libaudit's golden files expect, wherever both say the same thing.
 */
class GoLibauditAuparseConformanceTest {

  /**
   * Fields go-libaudit replaces by an interpretation (names instead of numbers) rather than the
   * logged value; the logged value is checked elsewhere.
   */
  private static final Set<String> INTERPRETED =
      Set.of(
          "arch", "syscall", "exit", "auid", "ses", "sauid", "old-auid", "old-ses", "res", "sig");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "auparse_testdata_audit-rhel6.log",
        "auparse_testdata_audit-rhel7.log",
        "auparse_testdata_audit-ubuntu14.log",
        "auparse_testdata_audit-ubuntu16.log",
        "auparse_testdata_audit-ubuntu17.log",
        "auparse_testdata_test2.log",
        "auparse_testdata_test3.log"
      })
  void recordsAgreeWithGolden(String log) throws Exception {
    List<String> lines = lines(log);
    JsonNode golden = new ObjectMapper().readTree(resource(log + ".golden"));
    assertThat(golden.size()).isEqualTo(lines.size());
    AuditRecordParser parser = new AuditRecordParser();
    int compared = 0;
    for (int n = 0; n < lines.size(); n++) {
      JsonNode expected = golden.get(n);
      if (expected.isNull()) {
        continue;
      }
      byte[] bytes = lines.get(n).getBytes(StandardCharsets.UTF_8);
      AuditRecord r = parser.parse(bytes, 0, bytes.length);
      String where = log + ":" + (n + 1);
      String expectedType = expected.get("record_type").asText();
      if (r.typeNumber() >= 0 && r.type().startsWith("UNKNOWN[")) {
        assertThat(expectedType).as(where).isEqualTo(Integer.toString(r.typeNumber()));
      } else {
        assertThat(r.type().toLowerCase()).as(where).isEqualTo(expectedType);
      }
      assertThat(r.serial()).as(where).isEqualTo(expected.get("sequence").asLong());
      Instant ts = Instant.parse(expected.get("@timestamp").asText());
      assertThat(r.seconds() * 1000 + r.millis()).as(where).isEqualTo(ts.toEpochMilli());
      JsonNode data = expected.get("data");
      if (data == null) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        int i = r.indexOf(f.getKey());
        if (i < 0 || INTERPRETED.contains(f.getKey()) || r.isPlaceholder(i)) {
          continue;
        }
        String ours = r.value(i);
        if (f.getKey().equals("proctitle")) {
          ours = ours.replace('\u0000', ' ');
        }
        assertThat(ours).as(where + " field " + f.getKey()).isEqualTo(f.getValue().asText());
        compared++;
      }
    }
    assertThat(compared).as("field values compared in " + log).isPositive();
  }

  static List<String> lines(String name) throws Exception {
    String text = new String(resource(name), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  static byte[] resource(String name) throws Exception {
    try (InputStream in =
        GoLibauditAuparseConformanceTest.class.getResourceAsStream("/linux-audit/" + name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return in.readAllBytes();
    }
  }
}
