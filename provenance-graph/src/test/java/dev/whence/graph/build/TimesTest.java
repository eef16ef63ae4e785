package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimesTest {

  @Test
  void addsAndSaturatesAtTheEndOfTime() {
    assertThat(Times.after(10, Duration.ofNanos(5))).isEqualTo(15);
    assertThat(Times.after(Long.MAX_VALUE - 1, Duration.ofDays(1))).isEqualTo(Long.MAX_VALUE);
    assertThat(Times.after(-10, Duration.ofNanos(5))).isEqualTo(-5);
  }

  @Test
  void eventsAtTheEndOfTimeStillAgeOut() {
    Trace t = new Trace("host-a");
    t.time = Long.MAX_VALUE - 10_000_000L;
    Graph g = new Graph();
    g.ok(t.exit(100));

    g.builder.expire(Long.MAX_VALUE);

    assertThat(g.state.sizes().processes()).isZero();
  }
}
