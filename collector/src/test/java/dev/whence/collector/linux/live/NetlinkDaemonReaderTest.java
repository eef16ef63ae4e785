package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetlinkDaemonReaderTest {

  private final List<String> lines = new ArrayList<>();
  private final List<SourcePosition> positions = new ArrayList<>();

  private final AuditLineHandler collect =
      (buffer, offset, length, position) -> {
        lines.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
        positions.add(position);
      };

  private static byte[] datagram(int type, String payload, int trailingNuls) {
    byte[] text = payload.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(16 + text.length + trailingNuls).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(text.length).putShort((short) type).putShort((short) 0).putInt(0).putInt(0);
    b.put(text);
    return b.array();
  }

  @Test
  void writesEachRecordAsAuditdsRawLine() throws Exception {
    NetlinkDaemonReader reader = new NetlinkDaemonReader(collect, null, null);
    byte[] d = datagram(1300, "audit(1795773175.880:294449): arch=c000003e syscall=59", 1);
    assertThat(reader.deliver(d, d.length)).isTrue();
    assertThat(lines)
        .containsExactly("type=SYSCALL msg=audit(1795773175.880:294449): arch=c000003e syscall=59");
    assertThat(positions).containsExactly(new SourcePosition.NetlinkPosition(294449));
  }

  @Test
  void prefixesTheNodeNameAndNamesUnknownTypes() throws Exception {
    NetlinkDaemonReader reader = new NetlinkDaemonReader(collect, null, "web-1");
    byte[] d = datagram(1399, "audit(1.001:7): x=1\n", 0);
    reader.deliver(d, d.length);
    byte[] eoe = datagram(1320, "audit(1.001:7): ", 0);
    reader.deliver(eoe, eoe.length);
    assertThat(lines)
        .containsExactly(
            "node=web-1 type=UNKNOWN[1399] msg=audit(1.001:7): x=1",
            "node=web-1 type=EOE msg=audit(1.001:7): ");
  }

  @Test
  void skipsRepliesAndTheKernelsProbe() throws Exception {
    NetlinkDaemonReader reader = new NetlinkDaemonReader(collect, null, null);
    byte[] ack = datagram(2, "\0\0\0\0", 0);
    byte[] probe = datagram(1329, "audit(1.0:1): probe", 0);
    assertThat(reader.deliver(ack, ack.length)).isFalse();
    assertThat(reader.deliver(probe, probe.length)).isFalse();
    assertThat(reader.deliver(new byte[8], 8)).isFalse();
    assertThat(lines).isEmpty();
  }

  @Test
  void aRecordWithoutStampHasNoSerial() throws Exception {
    NetlinkDaemonReader reader = new NetlinkDaemonReader(collect, null, null);
    byte[] d = datagram(1100, "garbage", 0);
    reader.deliver(d, d.length);
    assertThat(positions).containsExactly(new SourcePosition.NetlinkPosition(-1));
  }

  @Test
  void theLineOfARecordNeverExceedsTheLargestRecordTheKernelSends() throws Exception {
    NetlinkDaemonReader reader = new NetlinkDaemonReader(collect, null, "n");
    byte[] d = datagram(1300, "audit(1.0:5): " + "x".repeat(20_000), 0);
    reader.deliver(d, d.length);
    assertThat(lines)
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("node=n type=SYSCALL msg=audit(1.0:5): xxx"));
    assertThat(lines.get(0).length())
        .isLessThanOrEqualTo(
            dev.whence.collector.linux.live.netlink.AuditNetlink.RECEIVE_BUFFER + 512);
  }
}
