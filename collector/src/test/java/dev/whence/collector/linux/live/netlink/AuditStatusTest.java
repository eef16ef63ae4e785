package dev.whence.collector.linux.live.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AuditStatusTest {

  @Test
  void decodesTheElevenFieldsInOrder() {
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : new int[] {0, 1, 1, 4242, 0, 64, 3, 2, 127, 15000, 187}) {
      b.putInt(v);
    }
    AuditStatus s = AuditStatus.decode(b.array());
    assertThat(s).isEqualTo(new AuditStatus(0, 1, 1, 4242, 0, 64, 3, 2, 127, 15000, 187));
  }

  @Test
  void countersAreUnsigned() {
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(24, -1);
    assertThat(AuditStatus.decode(b.array()).lost()).isEqualTo(4294967295L);
  }

  @Test
  void aShortReplyOfAnOlderKernelLeavesTheLaterFieldsZero() {
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(4, 1).putInt(20, 320);
    AuditStatus s = AuditStatus.decode(b.array());
    assertThat(s.enabled()).isEqualTo(1);
    assertThat(s.backlogLimit()).isEqualTo(320);
    assertThat(s.featureBitmap()).isZero();
    assertThat(s.backlogWaitTime()).isZero();
  }

  @Test
  void aSetRequestCarriesItsMaskAndValuesAtTheKernelsOffsets() {
    byte[] bytes =
        AuditStatus.set(
                AuditStatus.MASK_BACKLOG_LIMIT | AuditStatus.MASK_BACKLOG_WAIT_TIME,
                0,
                0,
                8192,
                60000)
            .encode();
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes).hasSize(44);
    assertThat(b.getInt(0)).isEqualTo(0x30);
    assertThat(b.getInt(20)).isEqualTo(8192);
    assertThat(b.getInt(36)).isEqualTo(60000);
  }

  @Property
  void encodeAndDecodeAgree(
      @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long a,
      @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long b,
      @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long c) {
    AuditStatus s = new AuditStatus(a, 1, 2, b, 0, c, a, b, c, a, b);
    assertThat(AuditStatus.decode(s.encode())).isEqualTo(s);
  }
}
