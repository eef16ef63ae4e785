package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AuditStampTest {

  private static long line(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return AuditStamp.serialOfLine(b, 0, b.length);
  }

  private static long payload(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return AuditStamp.serialOfPayload(b, 0, b.length);
  }

  @Test
  void readsTheSerialOfAWellFormedStart() {
    assertThat(line("type=SYSCALL msg=audit(1700000000.123:77): =broken")).isEqualTo(77);
    assertThat(line("node=web-1 type=PATH msg=audit(1.5:4294967295): x")).isEqualTo(4294967295L);
    assertThat(payload("audit(1700000000.123:78): \u0001")).isEqualTo(78);
  }

  @Test
  void anythingElseHasNoKnownSerial() {
    assertThat(line("")).isEqualTo(-1);
    assertThat(line("garbage msg=audit(1.000:5)")).isEqualTo(-1);
    assertThat(line("ype=SYSCALL msg=audit(1.000:5): x")).isEqualTo(-1);
    assertThat(line("type=SYSCALL comm=\"msg=audit(1.000:5)\"")).isEqualTo(-1);
    assertThat(line("type=SYSCALL msg=audit(1.000:4294967296): x")).isEqualTo(-1);
    assertThat(line("type=SYSCALL msg=audit(1.000:12345678901): x")).isEqualTo(-1);
    assertThat(line("type=SYSCALL msg=audit(1.0000:5): x")).isEqualTo(-1);
    assertThat(line("type=SYSCALL msg=audit(1.000:): x")).isEqualTo(-1);
    assertThat(line("type=SYSCALL msg=audit(1.000:5")).isEqualTo(-1);
    assertThat(line("node= type=SYSCALL msg=audit(1.000:5): x")).isEqualTo(-1);
    assertThat(payload("xaudit(1.000:5): x")).isEqualTo(-1);
  }

  @Property
  void neverThrowsAndNeverExceeds32Bits(@ForAll byte[] bytes) {
    assertThat(AuditStamp.serialOfLine(bytes, 0, bytes.length)).isBetween(-1L, 0xFFFFFFFFL);
    assertThat(AuditStamp.serialOfPayload(bytes, 0, bytes.length)).isBetween(-1L, 0xFFFFFFFFL);
  }
}
