package dev.whence.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AckSequencerTest {

  @Test
  void reportsOnlyTheContiguousPrefix() {
    var sequencer = new AckSequencer();
    sequencer.ack(1, 110);
    assertThat(sequencer.takeAdvanced()).isFalse();
    assertThat(sequencer.next()).isZero();
    sequencer.ack(0, 100);
    assertThat(sequencer.takeAdvanced()).isTrue();
    assertThat(sequencer.position()).isEqualTo(110);
    assertThat(sequencer.next()).isEqualTo(2);
    assertThat(sequencer.takeAdvanced()).isFalse();
    sequencer.ack(3, 130);
    sequencer.ack(0, 100);
    assertThat(sequencer.takeAdvanced()).isFalse();
    assertThat(sequencer.waiting()).isEqualTo(1);
  }

  @Property(tries = 200)
  void anyAckOrderEndsAtTheLastPosition(
      @ForAll @IntRange(min = 1, max = 500) int count, @ForAll long seed) {
    List<Integer> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tickets.add(i);
    }
    Collections.shuffle(tickets, new Random(seed));
    var sequencer = new AckSequencer();
    long lastReported = -1;
    for (int ticket : tickets) {
      sequencer.ack(ticket, 1000L + ticket);
      if (sequencer.takeAdvanced()) {
        assertThat(sequencer.position()).isGreaterThan(lastReported);
        assertThat(sequencer.position()).isEqualTo(1000L + sequencer.next() - 1);
        lastReported = sequencer.position();
      }
    }
    assertThat(sequencer.next()).isEqualTo(count);
    assertThat(lastReported).isEqualTo(1000L + count - 1);
    assertThat(sequencer.waiting()).isZero();
  }
}
