package dev.whence.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.collector.publish.SpoolEnvelope.Route;
import org.junit.jupiter.api.Test;

class SpoolEnvelopeTest {

  @Test
  void roundTrips() {
    var envelope = new SpoolEnvelope(Route.DLQ, -7L, 42L, Long.MIN_VALUE, new byte[] {1, 2, 3});
    byte[] bytes = envelope.encode();
    assertThat(bytes).hasSize(SpoolEnvelope.encodedLength(3));
    SpoolEnvelope back = SpoolEnvelope.decode(bytes);
    assertThat(back.route()).isEqualTo(Route.DLQ);
    assertThat(back.run()).isEqualTo(-7L);
    assertThat(back.ticket()).isEqualTo(42L);
    assertThat(back.position()).isEqualTo(Long.MIN_VALUE);
    assertThat(back.value()).containsExactly(1, 2, 3);
  }

  @Test
  void refusesForeignBytes() {
    assertThatThrownBy(() -> SpoolEnvelope.decode(new byte[] {9, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a spooled publisher record");
    byte[] bytes = new SpoolEnvelope(Route.EVENTS, 1, 2, 3, new byte[0]).encode();
    bytes[1] = 9;
    assertThatThrownBy(() -> SpoolEnvelope.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown route 9");
  }
}
