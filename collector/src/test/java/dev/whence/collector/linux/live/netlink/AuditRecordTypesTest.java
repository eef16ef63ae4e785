package dev.whence.collector.linux.live.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AuditRecordTypesTest {

  @Test
  void namesTheRecordsAuditdWrites() {
    assertThat(AuditRecordTypes.name(1300)).isEqualTo("SYSCALL");
    assertThat(AuditRecordTypes.name(1302)).isEqualTo("PATH");
    assertThat(AuditRecordTypes.name(1306)).isEqualTo("SOCKADDR");
    assertThat(AuditRecordTypes.name(1307)).isEqualTo("CWD");
    assertThat(AuditRecordTypes.name(1309)).isEqualTo("EXECVE");
    assertThat(AuditRecordTypes.name(1320)).isEqualTo("EOE");
    assertThat(AuditRecordTypes.name(1327)).isEqualTo("PROCTITLE");
    assertThat(AuditRecordTypes.name(1305)).isEqualTo("CONFIG_CHANGE");
    assertThat(AuditRecordTypes.name(1100)).isEqualTo("USER_AUTH");
    assertThat(AuditRecordTypes.name(1112)).isEqualTo("USER_LOGIN");
    assertThat(AuditRecordTypes.name(1400)).isEqualTo("AVC");
    assertThat(AuditRecordTypes.name(1503)).isEqualTo("APPARMOR_DENIED");
    assertThat(AuditRecordTypes.name(1701)).isEqualTo("ANOM_ABEND");
    assertThat(AuditRecordTypes.name(2000)).isEqualTo("KERNEL");
  }

  @Test
  void unknownNumbersAreWrittenAsAuditdDoes() {
    assertThat(AuditRecordTypes.name(1399)).isEqualTo("UNKNOWN[1399]");
    assertThat(AuditRecordTypes.name(1329)).isEqualTo("UNKNOWN[1329]");
    assertThat(AuditRecordTypes.name(-5)).isEqualTo("UNKNOWN[-5]");
    assertThat(AuditRecordTypes.name(70000)).isEqualTo("UNKNOWN[70000]");
  }

  @Property
  void everyNameMapsBackToItsNumber(@ForAll @IntRange(min = 0, max = 2999) int type) {
    String name = AuditRecordTypes.name(type);
    if (name.startsWith("UNKNOWN[")) {
      assertThat(AuditRecordTypes.number(name)).isEqualTo(-1);
    } else {
      assertThat(AuditRecordTypes.number(name)).isEqualTo(type);
    }
  }

  @Test
  void repliesAndTheKernelsDaemonProbeAreNotRecords() {
    assertThat(AuditRecordTypes.isRecord(1000)).isFalse();
    assertThat(AuditRecordTypes.isRecord(1013)).isFalse();
    assertThat(AuditRecordTypes.isRecord(2)).isFalse();
    assertThat(AuditRecordTypes.isRecord(1329)).isFalse();
    assertThat(AuditRecordTypes.isRecord(1300)).isTrue();
    assertThat(AuditRecordTypes.isRecord(1005)).isTrue();
    assertThat(AuditRecordTypes.isRecord(1100)).isTrue();
    assertThat(AuditRecordTypes.isRecord(1400)).isTrue();
  }
}
