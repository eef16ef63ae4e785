package dev.whence.collector.linux.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.schemas.EventIds;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class EventIdGeneratorTest {

  private final EventIdGenerator generator = new EventIdGenerator();

  @Property(tries = 500)
  void computesExactlyTheSchemaEventIds(
      @ForAll String host, @ForAll String boot, @ForAll long sequence) {
    assertThat(generator.of(host, boot, sequence)).isEqualTo(EventIds.of(host, boot, sequence));
    assertThat(generator.of(host, boot, sequence + 1))
        .isEqualTo(EventIds.of(host, boot, sequence + 1));
  }
}
