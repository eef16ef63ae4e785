package dev.whence.collector.linux.live.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AuditdConfigTest {

  @Test
  void readsLogFileFormatAndRotationCount() {
    AuditdConfig c =
        AuditdConfig.parse(
            "#\n# comment\nlocal_events = yes\nlog_file = /srv/audit/a.log\n"
                + "log_format = raw\nnum_logs = 9\nmax_log_file_action = ROTATE\n");
    assertThat(c).isEqualTo(new AuditdConfig(Path.of("/srv/audit/a.log"), "RAW", 9));
  }

  @Test
  void defaultsMatchAuditds() {
    assertThat(AuditdConfig.parse("write_logs = yes\nnum_logs = many\n"))
        .isEqualTo(new AuditdConfig(Path.of("/var/log/audit/audit.log"), "ENRICHED", 5));
  }
}
