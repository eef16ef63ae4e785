package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuditFieldKeysTest {

  @Test
  void parserGivesEachFieldTheCodeOfItsExactName() throws Exception {
    byte[] line =
        ("type=SYSCALL msg=audit(1.000:1): pid=1 ppid=2 comm=\"x\" a3=0 a4=0 pidx=3 cap_frootid=0"
                + " name=n\u001dPID=1 UID=\"root\"")
            .getBytes(StandardCharsets.ISO_8859_1);
    AuditRecord r = new AuditRecordParser().parse(line, 0, line.length);
    assertThat(r.keyCode(0)).isEqualTo(AuditFieldKeys.PID);
    assertThat(r.keyCode(1)).isEqualTo(AuditFieldKeys.PPID);
    assertThat(r.keyCode(2)).isEqualTo(AuditFieldKeys.COMM);
    assertThat(r.keyCode(3)).isEqualTo(AuditFieldKeys.A3);
    assertThat(r.keyCode(4)).isEqualTo(AuditFieldKeys.OTHER);
    assertThat(r.keyCode(5)).isEqualTo(AuditFieldKeys.OTHER);
    assertThat(r.keyCode(6)).isEqualTo(AuditFieldKeys.OTHER);
    assertThat(r.keyCode(7)).isEqualTo(AuditFieldKeys.NAME);
    assertThat(r.keyCode(8)).isEqualTo(AuditFieldKeys.OTHER);
    assertThat(r.keyCode(9)).isEqualTo(AuditFieldKeys.OTHER);
    assertThat(r.flags(8)).isEqualTo(AuditRecord.ENRICHED);
    assertThat(r.flags(9)).isEqualTo(AuditRecord.ENRICHED | AuditRecord.QUOTED);
  }

  @Test
  void unknownNamesHaveNoCode() {
    assertThat(AuditFieldKeys.code("syscall")).isEqualTo(AuditFieldKeys.SYSCALL);
    assertThat(AuditFieldKeys.code("SYSCALL")).isEqualTo(AuditFieldKeys.OTHER);
    assertThat(AuditFieldKeys.code("")).isEqualTo(AuditFieldKeys.OTHER);
  }
}
