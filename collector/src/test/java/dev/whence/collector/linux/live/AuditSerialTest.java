package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditSerialTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "type=SYSCALL msg=audit(1795773175.880:294449): arch=c000003e | 294449",
        "node=h type=PATH msg=audit(1.2:7): name=\"msg=audit(9.9:99)\" | 7",
        "type=EOE msg=audit(1.2:18446744): | 18446744",
        "type=SYSCALL msg=audit(1.2): x | -1",
        "type=SYSCALL msg=audit(1.2:): x | -1",
        "type=SYSCALL msg=audit(1.2:12x): | -1",
        "no stamp at all | -1",
        "type=SYSCALL msg=audit(1.2:12 | -1",
      })
  void readsTheSerialOfTheKernelsStamp(String line, long serial) {
    byte[] bytes = ("xx" + line).getBytes(StandardCharsets.UTF_8);
    assertThat(AuditSerial.of(bytes, 2, bytes.length - 2)).isEqualTo(serial);
  }
}
