package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Pins derived boot ids computed before the UUID v5 code was shared. */
class AuditPipelineBootTest {

  @Test
  void aDerivedBootIsThatOfEarlierReleases() throws Exception {
    byte[] line =
        "type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=2 success=yes"
            .getBytes(StandardCharsets.UTF_8);
    AuditRecord record = new AuditRecordParser().parse(line, 0, line.length);

    assertThat(AuditPipeline.deriveBoot("h", record))
        .isEqualTo("9121e933-06b2-5dd8-93ff-997f6441f34e");
    assertThat(AuditPipeline.deriveBoot("web-01", record))
        .isEqualTo("b473ad17-a4b3-57d8-ad05-fde8a2be81b0");
  }
}
