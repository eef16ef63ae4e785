package dev.whence.topology.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentViewTest {

  private static AlertView alert(
      String id, String rule, String severity, String host, String incident, long first) {
    return new AlertView(
        id,
        rule,
        1,
        "t",
        severity,
        75,
        List.of("T" + rule),
        host,
        incident,
        first,
        first + 10,
        List.of());
  }

  @Test
  void alertsOfOneIncidentAreSummarizedNewestIncidentFirst() {
    List<IncidentView> incidents =
        IncidentView.of(
            List.of(
                alert("a2", "r2", "CRITICAL", "web-1", "i1", 20),
                alert("a1", "r1", "HIGH", "db-1", "i1", 10),
                alert("b1", "r1", "MEDIUM", "web-1", "i2", 100),
                alert("c1", "r3", "LOW", "web-1", null, 50)));

    assertThat(incidents).extracting(IncidentView::id).containsExactly("i2", "c1", "i1");
    IncidentView i1 = incidents.get(2);
    assertThat(i1.alerts()).isEqualTo(2);
    assertThat(i1.severity()).isEqualTo("CRITICAL");
    assertThat(i1.hosts()).containsExactly("db-1", "web-1");
    assertThat(i1.rules()).containsExactly("r1", "r2");
    assertThat(i1.techniques()).containsExactly("Tr1", "Tr2");
    assertThat(i1.firstSeen()).isEqualTo(10);
    assertThat(i1.lastSeen()).isEqualTo(30);
    assertThat(i1.alertIds()).containsExactly("a1", "a2");
  }
}
