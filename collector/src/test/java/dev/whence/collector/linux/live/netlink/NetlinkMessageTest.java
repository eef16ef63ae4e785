package dev.whence.collector.linux.live.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class NetlinkMessageTest {

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void encodesTheHeaderInHostOrderAndPadsToFourBytes() {
    byte[] bytes = new NetlinkMessage(1001, 5, 7, 0, new byte[] {1, 2, 3, 4, 5}).encode();
    ByteBuffer expected = le(24);
    expected.putInt(21).putShort((short) 1001).putShort((short) 5).putInt(7).putInt(0);
    expected.put(new byte[] {1, 2, 3, 4, 5, 0, 0, 0});
    assertThat(bytes).isEqualTo(expected.array());
  }

  @Test
  void decodesAnAcknowledgement() {
    ByteBuffer b = le(36);
    b.putInt(36).putShort((short) 2).putShort((short) 0x100).putInt(9).putInt(0);
    b.putInt(0).putInt(16).putShort((short) 1000).putShort((short) 5).putInt(9).putInt(4242);
    NetlinkMessage m = NetlinkMessage.decode(b.array(), 36);
    assertThat(m.type()).isEqualTo(NetlinkMessage.NLMSG_ERROR);
    assertThat(m.sequence()).isEqualTo(9);
    assertThat(m.errorCode()).isZero();
  }

  @Test
  void decodesAnErrorWithItsErrno() {
    ByteBuffer b = le(36);
    b.putInt(36).putShort((short) 2).putShort((short) 0).putInt(3).putInt(0);
    b.putInt(-1).putInt(16).putShort((short) 1001).putShort((short) 5).putInt(3).putInt(1);
    assertThat(NetlinkMessage.decode(b.array(), 36).errorCode()).isEqualTo(-1);
  }

  @Test
  void aRecordWhoseLengthFieldCountsOnlyThePayloadIsReadWhole() {
    byte[] text = "audit(1.2:3): pid=1".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = le(16 + text.length);
    b.putInt(text.length).putShort((short) 1300).putShort((short) 0).putInt(0).putInt(0).put(text);
    NetlinkMessage m = NetlinkMessage.decode(b.array(), b.capacity());
    assertThat(m.type()).isEqualTo(1300);
    assertThat(new String(m.payload(), StandardCharsets.US_ASCII)).isEqualTo("audit(1.2:3): pid=1");
  }

  @Test
  void refusesADatagramShorterThanAHeader() {
    assertThatThrownBy(() -> NetlinkMessage.decode(new byte[10], 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 bytes");
  }

  @Test
  void errorCodeOfANonErrorMessageIsRefused() {
    assertThatThrownBy(() -> new NetlinkMessage(1300, 0, 0, 0, new byte[4]).errorCode())
        .isInstanceOf(IllegalStateException.class);
  }

  @Property
  void decodeReadsWhatEncodeWrote(
      @ForAll @IntRange(min = 0, max = 65535) int type,
      @ForAll @IntRange(min = 0, max = 65535) int flags,
      @ForAll int sequence,
      @ForAll @Size(max = 300) byte[] payload) {
    NetlinkMessage m = new NetlinkMessage(type, flags, sequence, 0, payload);
    byte[] encoded = m.encode();
    assertThat(encoded.length % 4).isZero();
    assertThat(NetlinkMessage.decode(encoded, encoded.length)).isEqualTo(m);
  }
}
