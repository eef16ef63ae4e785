package dev.whence.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SettingValuesTest {

  @Property
  void everyPortInRangeParses(@ForAll @IntRange(min = 0, max = 65535) int port) {
    assertThat(SettingValues.port(Integer.toString(port))).isEqualTo(port);
  }

  @Property
  void everyPortOutOfRangeFails(@ForAll @IntRange(min = 65536) int port) {
    assertThatThrownBy(() -> SettingValues.port(Integer.toString(port)))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> SettingValues.port(Integer.toString(-port)))
        .hasMessageContaining("out of range");
  }

  @Property
  void everyCountInRangeParses(@ForAll @IntRange(min = 1, max = 1000) int n) {
    assertThat(SettingValues.count(" " + n + " ", 1000)).isEqualTo(n);
    assertThatThrownBy(() -> SettingValues.count(Integer.toString(n + 1000), 1000))
        .hasMessageContaining("out of range 1..1000");
    assertThatThrownBy(() -> SettingValues.count(Integer.toString(1 - n), 1000))
        .hasMessageContaining("out of range 1..1000");
  }

  @Test
  void aCountIsAWholeNumber() {
    assertThatThrownBy(() -> SettingValues.count("12k", 1000))
        .hasMessageContaining("'12k' is not a whole number");
    assertThatThrownBy(() -> SettingValues.count("1.5", 1000))
        .hasMessageContaining("not a whole number");
  }

  @Property
  void sizesInMebibytes(@ForAll @LongRange(min = 1, max = 1_000_000) long n) {
    assertThat(SettingValues.size(n + "MiB")).isEqualTo(n * 1024 * 1024);
    assertThat(SettingValues.size(n + " MB")).isEqualTo(n * 1000 * 1000);
  }

  @Test
  void sizeUnitsAndErrors() {
    assertThat(SettingValues.size("4096")).isEqualTo(4096);
    assertThat(SettingValues.size("2g")).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThatThrownBy(() -> SettingValues.size("0")).hasMessageContaining("greater than 0");
    assertThatThrownBy(() -> SettingValues.size("5 parsecs")).hasMessageContaining("unit");
    assertThatThrownBy(() -> SettingValues.size("lots")).hasMessageContaining("not a size");
    assertThatThrownBy(() -> SettingValues.size("99999999999TiB")).hasMessageContaining("large");
  }

  @Test
  void intervals() {
    assertThat(SettingValues.interval("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(SettingValues.interval("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(SettingValues.interval("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> SettingValues.interval("0s")).hasMessageContaining("positive");
    assertThatThrownBy(() -> SettingValues.interval("2d")).hasMessageContaining("at most 1 day");
    assertThatThrownBy(() -> SettingValues.interval("48h")).hasMessageContaining("at most 1 day");
    assertThatThrownBy(() -> SettingValues.interval("2 weeks"))
        .hasMessageContaining("not a duration");
  }

  @Test
  void durationsWithDaysAndBounds() {
    Duration year = Duration.ofDays(365);
    assertThat(SettingValues.duration("7d", year)).isEqualTo(Duration.ofDays(7));
    assertThat(SettingValues.duration(" P30D ", year)).isEqualTo(Duration.ofDays(30));
    assertThat(SettingValues.duration("365d", year)).isEqualTo(year);
    assertThatThrownBy(() -> SettingValues.duration("366d", year))
        .hasMessageContaining("at most 365 days");
    assertThatThrownBy(() -> SettingValues.duration("0d", year)).hasMessageContaining("positive");
    assertThatThrownBy(() -> SettingValues.duration("-PT1H", year))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> SettingValues.duration("PT99999999999999999999H", year))
        .hasMessageContaining("not a duration");
    assertThatThrownBy(
            () -> SettingValues.duration("500ms", Duration.ofSeconds(1), Duration.ofHours(1)))
        .hasMessageContaining("at least 1 second");
    assertThat(SettingValues.duration("1s", Duration.ofSeconds(1), Duration.ofHours(1)))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void spokenDurationsUseTheLargestWholeUnit() {
    assertThat(SettingValues.spoken(Duration.ofDays(1))).isEqualTo("1 day");
    assertThat(SettingValues.spoken(Duration.ofHours(48))).isEqualTo("2 days");
    assertThat(SettingValues.spoken(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    assertThat(SettingValues.spoken(Duration.ofSeconds(61))).isEqualTo("61 seconds");
    assertThat(SettingValues.spoken(Duration.ofMillis(1500))).isEqualTo("PT1.5S");
  }

  @Test
  void spokenSizesUseTheLargestWholeBinaryUnit() {
    assertThat(SettingValues.spokenSize(1024L * 1024 * 1024)).isEqualTo("1GiB");
    assertThat(SettingValues.spokenSize(512L * 1024 * 1024)).isEqualTo("512MiB");
    assertThat(SettingValues.spokenSize(3L << 40)).isEqualTo("3TiB");
    assertThat(SettingValues.spokenSize(1536)).isEqualTo("1536B");
  }

  @Property
  void aSpokenSizeReadsBackAsTheSameSize(@ForAll @LongRange(min = 1, max = 1L << 50) long bytes) {
    assertThat(SettingValues.size(SettingValues.spokenSize(bytes))).isEqualTo(bytes);
  }

  @Property
  void everyCountWithALowerBoundParsesOnlyWithinIt(@ForAll @IntRange(min = -10, max = 5000) int n) {
    if (n >= 2 && n <= 4096) {
      assertThat(SettingValues.count(Integer.toString(n), 2, 4096)).isEqualTo(n);
    } else {
      assertThatThrownBy(() -> SettingValues.count(Integer.toString(n), 2, 4096))
          .hasMessageContaining("out of range 2..4096");
    }
  }

  @Test
  void bootstrapLists() {
    assertThat(SettingValues.bootstrap(" a:1 , [::1]:9092 ")).isEqualTo("a:1,[::1]:9092");
    assertThatThrownBy(() -> SettingValues.bootstrap("a:0")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> SettingValues.bootstrap("a:1,,b:2")).hasMessageContaining("host:port");
  }
}
