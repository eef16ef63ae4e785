package dev.whence.collector.linux.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.collector.linux.AuditRecord;
import dev.whence.collector.linux.AuditRecordParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawKeysTest {

  @Test
  void remembersKeysByKeyIndexForRecordsOfOneKeyTable() throws Exception {
    AuditRecordParser parser = new AuditRecordParser();
    byte[] a = "type=CWD msg=audit(1.5:7): cwd=\"/\" x=1".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "type=CWD msg=audit(1.5:8): x=2 y=3".getBytes(StandardCharsets.US_ASCII);
    AuditRecord first = parser.parse(a, 0, a.length);
    AuditRecord second = parser.parse(b, 0, b.length);
    assertThat(second.keyTable()).isSameAs(first.keyTable());

    RawKeys keys = new RawKeys("CWD.", first.keyTable());
    assertThat(keys.get(first, 1)).isNull();
    keys.put(first, 1, "CWD.x");
    assertThat(keys.get(second, 0)).isEqualTo("CWD.x");
    assertThat(keys.get(second, 1)).isNull();
  }
}
