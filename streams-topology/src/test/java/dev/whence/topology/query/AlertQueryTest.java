package dev.whence.topology.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertQueryTest {

  private static AlertView alert(String id, long lastSeen) {
    return new AlertView(
        id,
        "r",
        1,
        "t",
        "HIGH",
        80,
        List.of("T1105"),
        "h",
        null,
        lastSeen - 5,
        lastSeen,
        List.of());
  }

  @Test
  void sinceAcceptsNanosecondsAndIsoInstants() {
    assertThat(AlertQuery.parse("1700000000000000001", null).sinceNanos())
        .isEqualTo(1_700_000_000_000_000_001L);
    assertThat(AlertQuery.parse("2023-11-14T22:13:20.5Z", "").sinceNanos())
        .isEqualTo(1_700_000_000_500_000_000L);
    assertThat(AlertQuery.parse(null, null)).isEqualTo(AlertQuery.all());
    assertThat(AlertQuery.all().limit()).isEqualTo(100);
  }

  @Test
  void badParametersAreRefusedWithTheReason() {
    assertThatThrownBy(() -> AlertQuery.parse("yesterday", null)).hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> AlertQuery.parse(null, "0")).hasMessageContaining("limit");
    assertThatThrownBy(() -> AlertQuery.parse(null, "-3")).hasMessageContaining("limit");
    assertThatThrownBy(() -> AlertQuery.parse("99999999999999999999", null))
        .hasMessageContaining("since");
  }

  @Test
  void selectsNewestFirstFromTheBoundUpToTheLimit() {
    List<AlertView> alerts =
        List.of(alert("a", 10), alert("b", 30), alert("c", 20), alert("d", 5), alert("e", 30));
    assertThat(new AlertQuery(10, 3).select(alerts))
        .extracting(AlertView::id)
        .containsExactly("b", "e", "c");
    assertThat(new AlertQuery(25, 100).select(alerts))
        .extracting(AlertView::id)
        .containsExactly("b", "e");
  }
}
